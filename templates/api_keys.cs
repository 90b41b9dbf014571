<?cs set:Page.Title = Lang.ApiKeys.Title ?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<h1><?cs var:Lang.ApiKeys.Title ?></h1>
<p><?cs var:Api.Intro ?></p>
<?cs if:Api.NewToken ?><section id="new-key" class="notice" role="status">
<p><?cs var:Api.Shown ?></p>
<div class="field">
 <label for="f-token"><?cs var:Lang.ApiKeys.Key ?></label>
 <textarea id="f-token" rows="3" readonly autocomplete="off" spellcheck="false"><?cs var:Api.NewToken ?></textarea>
</div>
</section><?cs /if ?>
<?cs if:Form.HasErrors ?><p class="error-summary" role="alert"><?cs var:Lang.Form.FixBelow ?></p><?cs /if ?>
<section>
<h2><?cs var:Lang.ApiKeys.New ?></h2>
<form method="post" action="<?cs var:Site.Base ?>/settings/api/create" novalidate>
<?cs call:csrf() ?>
<?cs call:input("name", "text", Lang.ApiKeys.Name, Form.name, "off", "required") ?>
<p class="hint"><?cs var:Lang.ApiKeys.NameHint ?></p>
<fieldset class="field<?cs if:Form.Errors.scope_read ?> bad<?cs /if ?>">
 <legend><?cs var:Lang.ApiKeys.Scopes ?></legend>
 <label class="choice"><input type="checkbox" name="scope_read" value="1"<?cs if:Form.scope_read == "1" ?> checked<?cs /if ?>> <?cs var:Lang.ApiKeys.ScopeRead ?></label>
 <label class="choice"><input type="checkbox" name="scope_post" value="1"<?cs if:Form.scope_post == "1" ?> checked<?cs /if ?>> <?cs var:Lang.ApiKeys.ScopePost ?></label>
 <label class="choice"><input type="checkbox" name="scope_rate" value="1"<?cs if:Form.scope_rate == "1" ?> checked<?cs /if ?>> <?cs var:Lang.ApiKeys.ScopeRate ?></label>
 <label class="choice"><input type="checkbox" name="scope_pay" value="1"<?cs if:Form.scope_pay == "1" ?> checked<?cs /if ?>> <?cs var:Lang.ApiKeys.ScopePay ?></label>
 <?cs call:field_error("scope_read") ?>
</fieldset>
<button type="submit"><?cs var:Lang.ApiKeys.Make ?></button>
</form>
</section>
<section>
<h2><?cs var:Lang.ApiKeys.Yours ?></h2>
<?cs if:subcount(Keys) == 0 ?><p class="empty" id="keys-none"><?cs var:Lang.ApiKeys.None ?></p>
<?cs else ?><div class="scroll"><table class="list" id="keys">
<thead><tr><th><?cs var:Lang.ApiKeys.Name ?></th><th><?cs var:Lang.ApiKeys.Scopes ?></th><th><?cs var:Lang.ApiKeys.Made ?></th><th><?cs var:Lang.ApiKeys.Used ?></th><th><?cs var:Lang.ApiKeys.State ?></th></tr></thead>
<tbody>
<?cs each:k = Keys ?><tr id="key-<?cs var:k.Id ?>"><td data-label="<?cs var:Lang.ApiKeys.Name ?>"><?cs var:k.Name ?></td><td data-label="<?cs var:Lang.ApiKeys.Scopes ?>"><?cs each:s = k.Scope ?><?cs if:s == "1" ?><span class="scope"><?cs var:Lang.ApiKeys.Short[name(s)] ?></span> <?cs /if ?><?cs /each ?></td><td data-label="<?cs var:Lang.ApiKeys.Made ?>"><?cs var:k.Created ?></td><td data-label="<?cs var:Lang.ApiKeys.Used ?>"><?cs alt:k.Used ?><?cs var:Lang.ApiKeys.Never ?><?cs /alt ?></td><td data-label="<?cs var:Lang.ApiKeys.State ?>"><?cs if:k.Revoked ?><?cs var:Lang.ApiKeys.Revoked ?> <?cs var:k.Revoked ?><?cs else ?><form method="post" action="<?cs var:Site.Base ?>/settings/api/revoke" class="inline"><?cs call:csrf() ?><input type="hidden" name="key" value="<?cs var:k.Id ?>"><button type="submit"><?cs var:Lang.ApiKeys.Revoke ?></button></form><?cs /if ?></td></tr>
<?cs /each ?></tbody>
</table></div>
<?cs /if ?></section>
<section id="hooks">
<h2><?cs var:Lang.Webhooks.Title ?></h2>
<p><?cs var:Lang.Webhooks.Intro ?></p>
<?cs if:Hook.NewSecret ?><div id="new-hook" class="notice" role="status">
<p><?cs var:Lang.Webhooks.Shown ?></p>
<div class="field">
 <label for="f-hook-secret"><?cs var:Lang.Webhooks.Secret ?></label>
 <textarea id="f-hook-secret" rows="2" readonly autocomplete="off" spellcheck="false"><?cs var:Hook.NewSecret ?></textarea>
</div>
</div><?cs /if ?>
<h3><?cs var:Lang.Webhooks.New ?></h3>
<form method="post" action="<?cs var:Site.Base ?>/settings/api/hooks/create" novalidate>
<?cs call:csrf() ?>
<?cs call:input("hook_url", "url", Lang.Webhooks.Url, Form.hook_url, "off", "required") ?>
<p class="hint"><?cs var:Lang.Webhooks.UrlHint ?></p>
<fieldset class="field<?cs if:Form.Errors.hook_submission ?> bad<?cs /if ?>">
 <legend><?cs var:Lang.Webhooks.Events ?></legend>
 <label class="choice"><input type="checkbox" name="hook_submission" value="1"<?cs if:Form.hook_submission == "1" ?> checked<?cs /if ?>> <?cs var:Lang.Webhooks.Event.submission ?></label>
 <label class="choice"><input type="checkbox" name="hook_out_of_slots" value="1"<?cs if:Form.hook_out_of_slots == "1" ?> checked<?cs /if ?>> <?cs var:Lang.Webhooks.Event.out_of_slots ?></label>
 <label class="choice"><input type="checkbox" name="hook_dispute" value="1"<?cs if:Form.hook_dispute == "1" ?> checked<?cs /if ?>> <?cs var:Lang.Webhooks.Event.dispute ?></label>
 <?cs call:field_error("hook_submission") ?>
</fieldset>
<button type="submit"><?cs var:Lang.Webhooks.Make ?></button>
</form>
<h3><?cs var:Lang.Webhooks.Yours ?></h3>
<?cs if:subcount(Hooks) == 0 ?><p class="empty" id="hooks-none"><?cs var:Lang.Webhooks.None ?></p>
<?cs /if ?><?cs each:h = Hooks ?><div class="hook" id="hook-<?cs var:h.Id ?>">
<p class="hook-url"><code><?cs var:h.Url ?></code></p>
<p><?cs each:e = h.Event ?><?cs if:e == "1" ?><span class="scope"><?cs var:Lang.Webhooks.Short[name(e)] ?></span> <?cs /if ?><?cs /each ?>
<?cs var:Lang.Webhooks.Made ?> <?cs var:h.Created ?></p>
<?cs if:subcount(h.Deliveries) == 0 ?><p class="empty"><?cs var:Lang.Webhooks.NoDeliveries ?></p>
<?cs else ?><h4><?cs var:Lang.Webhooks.Last ?></h4>
<div class="scroll"><table class="list deliveries">
<thead><tr><th><?cs var:Lang.Webhooks.Col.Event ?></th><th><?cs var:Lang.Webhooks.Col.When ?></th><th><?cs var:Lang.Webhooks.Col.State ?></th><th><?cs var:Lang.Webhooks.Col.Tries ?></th><th><?cs var:Lang.Webhooks.Col.Answer ?></th><th><?cs var:Lang.Webhooks.Col.Next ?></th></tr></thead>
<tbody>
<?cs each:d = h.Deliveries ?><tr id="delivery-<?cs var:d.Id ?>" class="delivery-<?cs var:d.Status ?>"><td data-label="<?cs var:Lang.Webhooks.Col.Event ?>"><?cs var:Lang.Webhooks.EventName[d.Event] ?></td><td data-label="<?cs var:Lang.Webhooks.Col.When ?>"><?cs var:d.Created ?></td><td data-label="<?cs var:Lang.Webhooks.Col.State ?>"><?cs var:Lang.Webhooks.Status[d.Status] ?></td><td data-label="<?cs var:Lang.Webhooks.Col.Tries ?>"><?cs var:d.Tries ?></td><td data-label="<?cs var:Lang.Webhooks.Col.Answer ?>"><?cs if:d.Answer ?>HTTP <?cs var:d.Answer ?><?cs /if ?><?cs if:d.Error && d.Error != "status" ?><?cs if:d.Answer ?>, <?cs /if ?><?cs var:Lang.Webhooks.Error[d.Error] ?><?cs /if ?><?cs if:!d.Answer && !d.Error ?>&ndash;<?cs /if ?></td><td data-label="<?cs var:Lang.Webhooks.Col.Next ?>"><?cs alt:d.Next ?>&ndash;<?cs /alt ?></td></tr>
<?cs /each ?></tbody>
</table></div>
<?cs /if ?><form method="post" action="<?cs var:Site.Base ?>/settings/api/hooks/delete" class="inline"><?cs call:csrf() ?><input type="hidden" name="hook" value="<?cs var:h.Id ?>"><button type="submit"><?cs var:Lang.Webhooks.Delete ?></button></form>
</div>
<?cs /each ?></section>
<?cs include:"footer.cs" ?>
