<?cs set:Page.Title = Lang.AdminUser.Title + " " + User.Username ?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?><?cs def:reason_form(action, label, button, cls) ?><form class="decide" id="form-<?cs var:action ?>" method="post" action="<?cs var:Site.Base ?>/admin/users/<?cs var:action ?>" novalidate>
 <?cs call:csrf() ?><input type="hidden" name="id" value="<?cs var:User.Id ?>">
<?cs if:UserForm.Posted == action ?><?cs call:input_in(action, "reason", "text", label, Form.reason, Form.Errors.reason, "") ?><?cs else ?><?cs call:input_in(action, "reason", "text", label, "", "", "") ?><?cs /if ?>
 <button type="submit" class="<?cs var:cls ?>"><?cs var:button ?></button>
</form>
<?cs /def ?>
<p class="actions"><a href="<?cs var:Site.Base ?>/admin/users"><?cs var:Lang.AdminUser.Back ?></a></p>
<h1><?cs var:Lang.AdminUser.Title ?> <?cs var:User.Username ?> <span class="id">#<?cs var:User.Id ?></span></h1>
<?cs if:Form.HasErrors ?><p class="error-summary" role="alert"><?cs var:Lang.Form.FixBelow ?></p><?cs /if ?>
<section id="account" class="dash">
<h2><?cs var:Lang.AdminUser.Account ?></h2>
<dl class="facts">
 <dt><?cs var:Lang.AdminUsers.State ?></dt><dd id="user-state" class="state <?cs var:User.State ?>"><?cs alt:Lang.AdminUsers.States[User.State] ?><?cs var:User.State ?><?cs /alt ?><?cs if:User.State == "banned" && User.BanReason ?>: <span class="reason" id="user-ban-reason"><?cs var:User.BanReason ?></span><?cs /if ?></dd>
 <dt><?cs var:Lang.AdminUser.Role ?></dt><dd id="user-role"><?cs if:User.Admin == "1" ?><?cs var:Lang.AdminUsers.Admin ?><?cs else ?><?cs var:Lang.AdminUser.NotAdmin ?><?cs /if ?></dd>
 <dt><?cs var:Lang.AdminUsers.Email ?></dt><dd><?cs var:User.Email ?></dd>
 <dt><?cs var:Lang.AdminUsers.Joined ?></dt><dd><?cs var:User.Joined ?><?cs if:User.Activated ?> (<?cs var:Lang.AdminUser.Activated ?> <?cs var:User.Activated ?>)<?cs /if ?></dd>
 <dt><?cs var:Lang.AdminUser.Country ?></dt><dd><?cs alt:Lang.Country[User.Country] ?><?cs alt:User.Country ?>-<?cs /alt ?><?cs /alt ?>, <?cs var:User.Language ?></dd>
</dl>
</section>
<section id="money" class="dash">
<h2><?cs var:Lang.AdminUser.Money ?></h2>
<dl class="facts">
 <dt><?cs var:Lang.AdminUser.Available ?></dt><dd id="user-available"><?cs var:User.Available ?> <?cs var:Site.Currency ?></dd>
 <dt><?cs var:Lang.AdminUser.Held ?></dt><dd id="user-held"><?cs var:User.Held ?> <?cs var:Site.Currency ?></dd>
</dl>
<h3><?cs var:Lang.AdminUser.Lines ?></h3>
<?cs if:subcount(User.Lines) == 0 ?><p class="empty" id="lines-none"><?cs var:Lang.AdminUser.NoLines ?></p>
<?cs else ?><div class="scroll"><table class="list" id="lines">
<thead><tr><th><?cs var:Lang.Statement.Date ?></th><th><?cs var:Lang.Statement.What ?></th><th class="num"><?cs var:Lang.Statement.Amount ?></th><th><?cs var:Lang.AdminUser.LedgerKey ?></th></tr></thead>
<tbody>
<?cs each:l = User.Lines ?><tr id="line-<?cs var:l.Id ?>"><td data-label="<?cs var:Lang.Statement.Date ?>" class="when"><?cs var:l.When ?></td><td data-label="<?cs var:Lang.Statement.What ?>"><?cs alt:Lang.Statement.Kinds[l.Kind] ?><?cs var:l.Kind ?><?cs /alt ?><?cs if:(l.Kind == "credit" || l.Kind == "debit") && l.Memo ?><br><span class="memo"><?cs var:l.Memo ?></span><?cs /if ?></td><td data-label="<?cs var:Lang.Statement.Amount ?>" class="num"><?cs if:l.In == "1" ?>+<?cs /if ?><?cs var:l.Amount ?></td><td data-label="<?cs var:Lang.AdminUser.LedgerKey ?>"><code><?cs var:l.LedgerKey ?></code></td></tr>
<?cs /each ?></tbody>
</table></div>
<?cs /if ?><?cs if:User.Older ?><p class="pager"><a id="lines-older" href="<?cs var:Site.Base ?>/admin/users/<?cs var:User.Id ?>?before=<?cs var:User.Older ?>#money"><?cs var:Lang.AdminUser.Older ?></a></p><?cs /if ?>
<form class="decide" id="form-adjust" method="post" action="<?cs var:Site.Base ?>/admin/users/adjust" novalidate>
 <h3><?cs var:Lang.AdminUser.Adjust ?></h3>
 <?cs call:csrf() ?><input type="hidden" name="id" value="<?cs var:User.Id ?>"><input type="hidden" name="key" value="<?cs var:UserForm.Key ?>">
<?cs if:UserForm.Posted == "adjust" ?><?cs call:error_in("adjust", "key", Form.Errors.key) ?><?cs call:input_in("adjust", "amount", "money", Lang.AdminUser.Amount, Form.amount, Form.Errors.amount, Lang.AdminUser.AmountHint) ?><?cs call:input_in("adjust", "reason", "text", Lang.AdminUser.ReasonShown, Form.reason, Form.Errors.reason, "") ?><?cs else ?><?cs call:input_in("adjust", "amount", "money", Lang.AdminUser.Amount, "", "", Lang.AdminUser.AmountHint) ?><?cs call:input_in("adjust", "reason", "text", Lang.AdminUser.ReasonShown, "", "", "") ?><?cs /if ?>
 <button type="submit"><?cs var:Lang.AdminUser.Post ?></button>
</form>
</section>
<section id="actions" class="dash">
<h2><?cs var:Lang.AdminUser.Actions ?></h2>
<?cs if:User.State == "banned" ?><?cs call:reason_form("unban", Lang.AdminUser.Reason, Lang.AdminUser.Unban, "") ?><?cs else ?><?cs call:reason_form("ban", Lang.AdminUser.ReasonShown, Lang.AdminUser.Ban, "reject") ?><?cs /if ?>
<?cs if:User.Admin == "1" ?><?cs call:reason_form("unadmin", Lang.AdminUser.Reason, Lang.AdminUser.Unadmin, "reject") ?><?cs else ?><?cs call:reason_form("admin", Lang.AdminUser.Reason, Lang.AdminUser.MakeAdmin, "") ?><?cs /if ?>
</section>
<section id="work" class="dash">
<h2><?cs var:Lang.AdminUser.Work ?></h2>
<dl class="facts">
 <dt><?cs var:Lang.AdminUser.Success ?></dt><dd id="user-success"><?cs if:?User.Record.Rate ?><?cs var:User.Record.Rate ?>% (<?cs var:User.Record.Satisfied ?> / <?cs var:User.Record.Rated ?>)<?cs else ?><?cs var:Lang.AdminUser.NothingRated ?><?cs /if ?></dd>
</dl>
<h3><?cs var:Lang.AdminUser.Tasks ?></h3>
<?cs if:subcount(User.Tasks) == 0 ?><p class="empty" id="tasks-none"><?cs var:Lang.AdminUser.NoTasks ?></p>
<?cs else ?><ul id="user-tasks"><?cs each:t = User.Tasks ?><li id="task-<?cs var:t.Id ?>">#<?cs var:t.Id ?> <a href="<?cs var:Site.Base ?>/jobs/<?cs var:t.CampaignId ?>"><?cs var:t.Title ?></a>: <?cs alt:Lang.Dash.State[t.State] ?><?cs var:t.State ?><?cs /alt ?>, <span class="when"><?cs var:t.When ?></span></li>
<?cs /each ?></ul><?cs /if ?>
<h3><?cs var:Lang.AdminUser.Campaigns ?></h3>
<?cs if:subcount(User.Campaigns) == 0 ?><p class="empty" id="campaigns-none"><?cs var:Lang.AdminUser.NoCampaigns ?></p>
<?cs else ?><ul id="user-campaigns"><?cs each:k = User.Campaigns ?><li id="campaign-<?cs var:k.Id ?>"><a href="<?cs var:Site.Base ?>/jobs/<?cs var:k.Id ?>"><?cs var:k.Title ?></a>: <?cs alt:Lang.Manage.States[k.State] ?><?cs var:k.State ?><?cs /alt ?>, <?cs var:k.Done ?> / <?cs var:k.Total ?>, <span class="when"><?cs var:k.When ?></span></li>
<?cs /each ?></ul><?cs /if ?>
</section>
<section id="referrals" class="dash">
<h2><?cs var:Lang.AdminUser.Referrals ?></h2>
<dl class="facts">
 <dt><?cs var:Lang.AdminUser.ReferredBy ?></dt><dd id="user-referrer"><?cs if:User.ReferrerId ?><a href="<?cs var:Site.Base ?>/admin/users/<?cs var:User.ReferrerId ?>"><?cs var:User.Referrer ?></a><?cs else ?><?cs var:Lang.AdminUser.Nobody ?><?cs /if ?></dd>
 <dt><?cs var:Lang.AdminUser.Referred ?></dt><dd id="user-referred"><?cs var:User.Referred ?></dd>
 <dt><?cs var:Lang.AdminUser.Earned ?></dt><dd id="user-earned"><?cs var:User.Earned ?> <?cs var:Site.Currency ?></dd>
</dl>
</section>
<section id="addresses" class="dash">
<h2><?cs var:Lang.AdminUser.Addresses ?></h2>
<?cs if:subcount(User.Addresses) == 0 ?><p class="empty" id="addresses-none"><?cs var:Lang.AdminUser.NoAddresses ?></p>
<?cs else ?><div class="scroll"><table class="list" id="user-addresses">
<thead><tr><th><?cs var:Lang.AdminUser.Address ?></th><th><?cs var:Lang.AdminUser.FirstSeen ?></th><th><?cs var:Lang.AdminUser.LastSeen ?></th><th class="num"><?cs var:Lang.AdminUser.Logins ?></th></tr></thead>
<tbody>
<?cs each:a = User.Addresses ?><tr><td data-label="<?cs var:Lang.AdminUser.Address ?>"><a href="<?cs var:Site.Base ?>/admin/users?q=<?cs var:url_escape(a.Ip) ?>"><code><?cs var:a.Ip ?></code></a><?cs if:a.SignUp == "1" ?> <span class="badge signup"><?cs var:Lang.AdminUser.SignUp ?></span><?cs /if ?><?cs if:a.LastLogin ?> <span class="badge lastlogin"><?cs var:Lang.AdminUser.LastLogin ?></span><?cs /if ?></td><td data-label="<?cs var:Lang.AdminUser.FirstSeen ?>" class="when"><?cs var:a.First ?></td><td data-label="<?cs var:Lang.AdminUser.LastSeen ?>" class="when"><?cs var:a.Last ?></td><td data-label="<?cs var:Lang.AdminUser.Logins ?>" class="num"><?cs var:a.Logins ?></td></tr>
<?cs /each ?></tbody>
</table></div><?cs /if ?>
<h3><?cs var:Lang.AdminUser.Others ?></h3>
<?cs if:subcount(User.Others) == 0 ?><p class="empty" id="others-none"><?cs var:Lang.AdminUser.NoOthers ?></p>
<?cs else ?><ul id="user-others"><?cs each:o = User.Others ?><li id="other-<?cs var:o.Id ?>"><a href="<?cs var:Site.Base ?>/admin/users/<?cs var:o.Id ?>"><?cs var:o.Username ?></a> (<?cs alt:Lang.AdminUsers.States[o.State] ?><?cs var:o.State ?><?cs /alt ?>): <code><?cs var:o.Ips ?></code></li>
<?cs /each ?></ul><?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
