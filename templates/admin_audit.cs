<?cs set:Page.Title = Lang.AdminAudit.Title ?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<h1><?cs var:Lang.AdminAudit.Title ?></h1>
<p><?cs var:Lang.AdminAudit.Intro ?></p>
<form class="filters" id="audit-filter" method="get" action="<?cs var:Site.Base ?>/admin/audit">
<?cs call:input("actor", "text", Lang.AdminAudit.Actor, Form.actor, "off", "") ?>
 <div class="field<?cs if:Form.Errors.action ?> bad<?cs /if ?>">
  <label for="f-action"><?cs var:Lang.AdminAudit.Action ?></label>
  <select id="f-action" name="action"<?cs if:Form.Errors.action ?> aria-invalid="true" aria-describedby="err-action"<?cs /if ?>>
   <option value=""><?cs var:Lang.AdminAudit.Any ?></option>
<?cs each:a = Audit.Actions ?>   <option value="<?cs var:a ?>"<?cs if:Form.action == a ?> selected<?cs /if ?>><?cs alt:Lang.AdminAudit.Actions[a] ?><?cs var:a ?><?cs /alt ?></option>
<?cs /each ?>  </select>
  <?cs call:field_error("action") ?>
 </div>
 <div class="field<?cs if:Form.Errors.kind ?> bad<?cs /if ?>">
  <label for="f-kind"><?cs var:Lang.AdminAudit.Kind ?></label>
  <select id="f-kind" name="kind"<?cs if:Form.Errors.kind ?> aria-invalid="true" aria-describedby="err-kind"<?cs /if ?>>
   <option value=""><?cs var:Lang.AdminAudit.Any ?></option>
<?cs each:k = Audit.Kinds ?>   <option value="<?cs var:k ?>"<?cs if:Form.kind == k ?> selected<?cs /if ?>><?cs alt:Lang.AdminAudit.Kinds[k] ?><?cs var:k ?><?cs /alt ?></option>
<?cs /each ?>  </select>
  <?cs call:field_error("kind") ?>
 </div>
<?cs call:input("target", "text", Lang.AdminAudit.Target, Form.target, "off", "") ?>
 <button type="submit"><?cs var:Lang.AdminAudit.Show ?></button>
</form>
<?cs if:!Form.HasErrors ?><?cs if:subcount(Audit.Rows) == 0 ?><p class="empty" id="audit-none"><?cs var:Lang.AdminAudit.None ?></p>
<?cs else ?><div class="scroll"><table class="list" id="audit">
<thead><tr><th><?cs var:Lang.AdminAudit.When ?></th><th><?cs var:Lang.AdminAudit.Who ?></th><th><?cs var:Lang.AdminAudit.Action ?></th><th><?cs var:Lang.AdminAudit.Target ?></th><th><?cs var:Lang.AdminAudit.Reason ?></th><th><?cs var:Lang.AdminAudit.Detail ?></th></tr></thead>
<tbody>
<?cs each:r = Audit.Rows ?><tr id="audit-<?cs var:r.Id ?>"><td data-label="<?cs var:Lang.AdminAudit.When ?>" class="when"><?cs var:r.When ?></td><td data-label="<?cs var:Lang.AdminAudit.Who ?>" class="who"><?cs var:r.Actor ?> <span class="via">(<?cs alt:Lang.AdminAudit.Via[r.Via] ?><?cs var:r.Via ?><?cs /alt ?><?cs if:r.Address ?>, <code><?cs var:r.Address ?></code><?cs /if ?>)</span></td><td data-label="<?cs var:Lang.AdminAudit.Action ?>" class="action"><?cs alt:Lang.AdminAudit.Actions[r.Action] ?><?cs var:r.Action ?><?cs /alt ?></td><td data-label="<?cs var:Lang.AdminAudit.Target ?>" class="target"><?cs set:t = Lang.AdminAudit.Kinds[r.Kind] ?><?cs if:!t ?><?cs set:t = r.Kind ?><?cs /if ?><?cs if:r.Kind == "deposit" ?><a href="<?cs var:Site.Base ?>/admin/deposits#deposit-<?cs var:r.Target ?>"><?cs var:t ?> #<?cs var:r.Target ?></a><?cs elif:r.Kind == "withdrawal" ?><a href="<?cs var:Site.Base ?>/admin/withdrawals"><?cs var:t ?> #<?cs var:r.Target ?></a><?cs elif:r.Kind == "campaign" ?><a href="<?cs var:Site.Base ?>/admin/campaigns/<?cs var:r.Target ?>"><?cs var:t ?> #<?cs var:r.Target ?></a><?cs elif:r.Kind == "dispute" ?><a href="<?cs var:Site.Base ?>/admin/disputes"><?cs var:t ?> #<?cs var:r.Target ?></a><?cs elif:r.Kind == "user" && r.Target != "0" ?><a href="<?cs var:Site.Base ?>/admin/users/<?cs var:r.Target ?>"><?cs var:t ?> #<?cs var:r.Target ?></a><?cs elif:r.Kind == "mail" ?><a href="<?cs var:Site.Base ?>/admin/mail"><?cs var:t ?> #<?cs var:r.Target ?></a><?cs elif:r.Target != "0" ?><?cs var:t ?> #<?cs var:r.Target ?><?cs else ?><?cs var:t ?><?cs /if ?></td><td data-label="<?cs var:Lang.AdminAudit.Reason ?>" class="reason"><?cs var:r.Reason ?></td><td data-label="<?cs var:Lang.AdminAudit.Detail ?>" class="detail"><?cs var:r.Detail ?></td></tr>
<?cs /each ?></tbody>
</table></div>
<?cs if:Audit.Older ?><p class="pager"><a id="audit-older" href="<?cs var:Site.Base ?>/admin/audit?before=<?cs var:Audit.Older ?>&amp;actor=<?cs var:url_escape(Form.actor) ?>&amp;action=<?cs var:url_escape(Form.action) ?>&amp;kind=<?cs var:url_escape(Form.kind) ?>&amp;target=<?cs var:url_escape(Form.target) ?>"><?cs var:Lang.AdminAudit.Older ?></a></p><?cs /if ?>
<?cs /if ?><?cs /if ?><?cs include:"footer.cs" ?>
