<?cs set:Page.Title = Lang.AdminUsers.Title ?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<h1><?cs var:Lang.AdminUsers.Title ?></h1>
<?cs call:search_box("users-search", "/admin/users", Lang.AdminUsers.Search, Lang.AdminUsers.Accepts, Lang.AdminUsers.Find) ?>
<?cs if:!Form.HasErrors ?><?cs if:Form.q ?><p id="users-kind"><?cs var:Lang.AdminUsers.Kind[Users.Kind] ?> <b><?cs var:Form.q ?></b></p><?cs else ?><p id="users-kind"><?cs var:Lang.AdminUsers.Newest ?></p><?cs /if ?>
<?cs if:subcount(Users.Rows) == 0 ?><p class="empty" id="users-none"><?cs var:Lang.AdminUsers.None ?></p>
<?cs else ?><div class="scroll"><table class="list" id="users">
<thead><tr><th><?cs var:Lang.AdminUsers.User ?></th><th><?cs var:Lang.AdminUsers.Email ?></th><th><?cs var:Lang.AdminUsers.State ?></th><th class="num"><?cs var:Lang.AdminUsers.Balance ?></th><th><?cs var:Lang.AdminUsers.Joined ?></th><th><?cs var:Lang.AdminUsers.LastLogin ?></th></tr></thead>
<tbody>
<?cs each:u = Users.Rows ?><tr id="user-<?cs var:u.Id ?>"><td data-label="<?cs var:Lang.AdminUsers.User ?>"><a href="<?cs var:Site.Base ?>/admin/users/<?cs var:u.Id ?>"><?cs var:u.Username ?></a> <span class="id">#<?cs var:u.Id ?></span><?cs if:u.Admin == "1" ?> <span class="badge"><?cs var:Lang.AdminUsers.Admin ?></span><?cs /if ?></td><td data-label="<?cs var:Lang.AdminUsers.Email ?>" class="email"><?cs var:u.Email ?></td><td data-label="<?cs var:Lang.AdminUsers.State ?>" class="state <?cs var:u.State ?>"><?cs alt:Lang.AdminUsers.States[u.State] ?><?cs var:u.State ?><?cs /alt ?></td><td data-label="<?cs var:Lang.AdminUsers.Balance ?>" class="num"><?cs var:u.Balance ?> <?cs var:Site.Currency ?></td><td data-label="<?cs var:Lang.AdminUsers.Joined ?>" class="when"><?cs var:u.Joined ?></td><td data-label="<?cs var:Lang.AdminUsers.LastLogin ?>" class="when"><?cs alt:u.LastLogin ?><?cs var:Lang.AdminUsers.Never ?><?cs /alt ?></td></tr>
<?cs /each ?></tbody>
</table></div>
<?cs /if ?><?cs if:Users.Next || Users.Paged ?><p class="pager"><?cs if:Users.Paged ?><a id="users-first" href="<?cs var:Site.Base ?>/admin/users?q=<?cs var:url_escape(Form.q) ?>"><?cs var:Lang.AdminUsers.First ?></a><?cs /if ?><?cs if:Users.Next ?><a id="users-next" href="<?cs var:Site.Base ?>/admin/users?q=<?cs var:url_escape(Form.q) ?>&amp;after=<?cs var:url_escape(Users.Next) ?>"><?cs var:Lang.AdminUsers.Next ?></a><?cs /if ?></p><?cs /if ?>
<?cs /if ?><?cs include:"footer.cs" ?>
