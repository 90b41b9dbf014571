<?cs set:Page.Title = Lang.Register.DoneTitle ?><?cs include:"header.cs" ?>
<h1><?cs var:Lang.Register.DoneTitle ?></h1>
<p><?cs var:Lang.Register.DoneText ?> <b><?cs var:Register.Email ?></b></p>
<?cs if:Register.MailFailed ?><p class="error"><?cs var:Lang.Register.MailFailed ?></p><?cs /if ?>
<p><?cs var:Lang.Register.NoMail ?> <a href="<?cs var:Site.Base ?>/activate/resend"><?cs var:Lang.Resend.Title ?></a></p>
<?cs include:"footer.cs" ?>
