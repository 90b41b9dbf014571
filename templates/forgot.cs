<?cs set:Page.Title = Lang.Forgot.Title ?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<h1><?cs var:Lang.Forgot.Title ?></h1>
<p><?cs var:Lang.Forgot.Text ?></p>
<form method="post" action="<?cs var:Site.Base ?>/forgot" novalidate>
<?cs call:csrf() ?>
<?cs call:input("email", "email", Lang.Register.Email, Form.email, "email", "required") ?>
<button type="submit"><?cs var:Lang.Forgot.Submit ?></button>
</form>
<?cs include:"footer.cs" ?>
