<?cs set:Page.Title = Lang.Login.Title ?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<h1><?cs var:Lang.Login.Title ?></h1>
<form method="post" action="<?cs var:Site.Base ?>/login" novalidate>
<?cs call:csrf() ?>
<input type="hidden" name="next" value="<?cs var:Form.next ?>">
<?cs call:input("login", "text", Lang.Login.Login, Form.login, "username", "required") ?>
<?cs if:Login.BanReason ?><p class="error"><?cs var:Lang.Login.BanReason ?> <?cs var:Login.BanReason ?></p><?cs /if ?>
<?cs call:input("password", "password", Lang.Login.Password, "", "current-password", "required") ?>
<button type="submit"><?cs var:Lang.Login.Submit ?></button>
</form>
<p class="actions"><a href="<?cs var:Site.Base ?>/forgot"><?cs var:Lang.Login.Forgot ?></a> &middot;
<a href="<?cs var:Site.Base ?>/activate/resend"><?cs var:Lang.Resend.Title ?></a> &middot;
<a href="<?cs var:Site.Base ?>/register"><?cs var:Lang.Nav.Register ?></a></p>
<?cs include:"footer.cs" ?>
