<?cs set:Page.Title = Lang.Reset.Title ?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<h1><?cs var:Lang.Reset.Title ?></h1>
<form method="post" action="<?cs var:Site.Base ?>/reset" novalidate>
<?cs call:csrf() ?>
<input type="hidden" name="token" value="<?cs var:Form.token ?>">
<?cs call:input("password", "password", Lang.Reset.Password, "", "new-password", "required") ?>
<p class="hint"><?cs var:Lang.Register.PasswordHint ?></p>
<?cs call:input("password2", "password", Lang.Register.Password2, "", "new-password", "required") ?>
<button type="submit"><?cs var:Lang.Reset.Submit ?></button>
</form>
<?cs include:"footer.cs" ?>
