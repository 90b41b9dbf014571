<?cs if:Search.Shown ?><?cs set:Page.Title = Lang.AdminCampaignSearch.Title ?><?cs else ?><?cs set:Page.Title = Lang.AdminCampaigns.Title ?><?cs /if ?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<h1><?cs var:Page.Title ?></h1>
<p class="actions tabs" id="campaign-tabs"><a href="<?cs var:Site.Base ?>/admin/campaigns"<?cs if:!Search.Shown ?> aria-current="page"<?cs /if ?>><?cs var:Lang.AdminCampaignSearch.QueueTab ?></a> <a id="search-tab" href="<?cs var:Site.Base ?>/admin/campaigns?search=1"<?cs if:Search.Shown ?> aria-current="page"<?cs /if ?>><?cs var:Lang.AdminCampaignSearch.SearchTab ?></a></p>
<?cs if:Search.Shown ?><?cs # The search tab: the filters and a page of campaigns. ?>
<p><?cs var:Lang.AdminCampaignSearch.Intro ?></p>
<form class="filters" id="campaign-search" method="get" action="<?cs var:Site.Base ?>/admin/campaigns" novalidate>
<?cs call:input("id", "text", Lang.AdminCampaignSearch.Id, Form.id, "off", "") ?>
<?cs call:input("title", "search", Lang.AdminCampaignSearch.TitleStart, Form.title, "off", "") ?>
<?cs call:input("owner", "text", Lang.AdminCampaignSearch.Owner, Form.owner, "off", "") ?>
 <div class="field<?cs if:Form.Errors.state ?> bad<?cs /if ?>">
  <label for="f-state"><?cs var:Lang.AdminCampaignSearch.State ?></label>
  <select id="f-state" name="state"<?cs if:Form.Errors.state ?> aria-invalid="true" aria-describedby="err-state"<?cs /if ?>>
   <option value=""><?cs var:Lang.AdminCampaignSearch.Any ?></option>
<?cs each:s = Search.States ?>   <option value="<?cs var:s ?>"<?cs if:Form.state == s ?> selected<?cs /if ?>><?cs var:Lang.Manage.States[s] ?></option>
<?cs /each ?>  </select>
  <?cs call:field_error("state") ?>
 </div>
 <button type="submit"><?cs var:Lang.AdminCampaignSearch.Find ?></button>
</form>
<?cs if:!Form.HasErrors ?><?cs if:subcount(Search.Rows) == 0 ?><p class="empty" id="search-none"><?cs var:Lang.AdminCampaignSearch.None ?></p>
<?cs else ?><div class="scroll"><table class="list" id="campaigns-found">
<thead><tr><th><?cs var:Lang.AdminCampaignSearch.Id ?></th><th><?cs var:Lang.AdminCampaignSearch.Campaign ?></th><th><?cs var:Lang.AdminCampaignSearch.Owner ?></th><th><?cs var:Lang.AdminCampaignSearch.State ?></th><th><?cs var:Lang.AdminCampaignSearch.Progress ?></th><th><?cs var:Lang.AdminCampaignSearch.Pay ?></th><th><?cs var:Lang.AdminCampaignSearch.Created ?></th></tr></thead>
<tbody>
<?cs each:r = Search.Rows ?><tr id="found-<?cs var:r.Id ?>"><td data-label="<?cs var:Lang.AdminCampaignSearch.Id ?>" class="num"><?cs var:r.Id ?></td><td data-label="<?cs var:Lang.AdminCampaignSearch.Campaign ?>"><a href="<?cs var:Site.Base ?>/admin/campaigns/<?cs var:r.Id ?>"><?cs var:r.Title ?></a></td><td data-label="<?cs var:Lang.AdminCampaignSearch.Owner ?>"><a href="<?cs var:Site.Base ?>/admin/users/<?cs var:r.OwnerId ?>"><?cs var:r.Owner ?></a></td><td data-label="<?cs var:Lang.AdminCampaignSearch.State ?>" class="state"><?cs alt:Lang.Manage.States[r.State] ?><?cs var:r.State ?><?cs /alt ?></td><td data-label="<?cs var:Lang.AdminCampaignSearch.Progress ?>" class="num"><?cs var:r.Done ?> / <?cs var:r.Total ?></td><td data-label="<?cs var:Lang.AdminCampaignSearch.Pay ?>" class="num"><?cs var:r.Pay ?> <?cs var:Site.Currency ?></td><td data-label="<?cs var:Lang.AdminCampaignSearch.Created ?>"><?cs var:r.When ?></td></tr>
<?cs /each ?></tbody>
</table></div>
<?cs if:Search.Older ?><p class="pager"><a id="search-older" href="<?cs var:Site.Base ?>/admin/campaigns?before=<?cs var:Search.Older ?>&amp;id=<?cs var:url_escape(Form.id) ?>&amp;title=<?cs var:url_escape(Form.title) ?>&amp;owner=<?cs var:url_escape(Form.owner) ?>&amp;state=<?cs var:url_escape(Form.state) ?>"><?cs var:Lang.AdminCampaignSearch.Older ?></a></p><?cs /if ?>
<?cs /if ?><?cs /if ?><?cs else ?>
<p><?cs var:Lang.AdminCampaigns.Intro ?></p>
<?cs if:subcount(Pending) == 0 ?><p class="empty"><?cs var:Lang.AdminCampaigns.NonePending ?></p>
<?cs /if ?><?cs each:p = Pending ?><section class="pending-campaign" id="campaign-<?cs var:p.Id ?>">
<h2><a href="<?cs var:Site.Base ?>/admin/campaigns/<?cs var:p.Id ?>"><?cs var:p.Title ?></a></h2>
<dl class="facts">
 <dt><?cs var:Lang.AdminCampaigns.Owner ?></dt><dd><?cs var:p.User ?></dd>
 <dt><?cs var:Lang.AdminCampaigns.Type ?></dt><dd><?cs var:p.Type ?></dd>
 <dt><?cs var:Lang.AdminCampaigns.Slots ?></dt><dd><?cs var:p.Slots ?> &times; <?cs var:p.Pay ?> = <?cs var:p.Escrow ?> <?cs var:Site.Currency ?></dd>
 <dt><?cs var:Lang.AdminCampaigns.Countries ?></dt><dd><?cs var:Lang.CampaignNew.Modes[p.CountriesMode] ?><?cs if:p.Countries ?>: <?cs var:p.Countries ?><?cs /if ?></dd>
 <dt><?cs var:Lang.AdminCampaigns.Instructions ?></dt><dd class="text"><?cs var:p.Instructions ?></dd>
 <dt><?cs var:Lang.AdminCampaigns.Proof ?></dt><dd class="text"><?cs var:p.Proof ?></dd>
<?cs each:f = p.Fields ?> <dt><?cs var:f.Name ?></dt><dd><?cs var:f.Value ?></dd>
<?cs /each ?> <dt><?cs var:Lang.AdminCampaigns.When ?></dt><dd><?cs var:p.When ?></dd>
</dl>
<form class="inline" method="post" action="<?cs var:Site.Base ?>/admin/campaigns/approve">
<?cs call:csrf() ?><input type="hidden" name="id" value="<?cs var:p.Id ?>">
<button type="submit"><?cs var:Lang.AdminCampaigns.Approve ?></button>
</form>
<form method="post" action="<?cs var:Site.Base ?>/admin/campaigns/reject" novalidate>
<?cs call:csrf() ?><input type="hidden" name="id" value="<?cs var:p.Id ?>">
<?cs if:AdminForm.Id == p.Id ?><?cs call:input_in("r" + p.Id, "reason", "text", Lang.AdminCampaigns.Reason, Form.reason, Form.Errors.reason, "") ?><?cs else ?><?cs call:input_in("r" + p.Id, "reason", "text", Lang.AdminCampaigns.Reason, "", "", "") ?><?cs /if ?>
<button type="submit"><?cs var:Lang.AdminCampaigns.Reject ?></button>
</form>
</section>
<?cs /each ?><?cs if:PendingMore ?><p class="more"><?cs var:Lang.AdminCampaigns.More ?></p>
<?cs /if ?><?cs /if ?>
<?cs include:"footer.cs" ?>
