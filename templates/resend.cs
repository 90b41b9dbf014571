<?cs set:Page.Title = Lang.Resend.Title ?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<h1><?cs var:Lang.Resend.Title ?></h1>
<p><?cs var:Lang.Resend.Text ?></p>
<form method="post" action="<?cs var:Site.Base ?>/activate/resend" novalidate>
<?cs call:csrf() ?>
<?cs call:input("email", "email", Lang.Register.Email, Form.email, "email", "required") ?>
<button type="submit"><?cs var:Lang.Resend.Submit ?></button>
</form>
<?cs include:"footer.cs" ?>
