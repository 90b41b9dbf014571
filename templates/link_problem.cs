<?cs set:Page.Title = Lang.Link[Link.Problem].Title ?><?cs include:"header.cs" ?>
<section class="error">
<h1><?cs var:Lang.Link[Link.Problem].Title ?></h1>
<p><?cs var:Lang.Link[Link.Problem].Text ?></p>
<?cs if:Link.Kind == "activate" ?><p><a href="<?cs var:Site.Base ?>/activate/resend"><?cs var:Lang.Resend.Title ?></a> &middot; <a href="<?cs var:Site.Base ?>/login"><?cs var:Lang.Nav.Login ?></a></p>
<?cs elif:Link.Kind == "reset" ?><p><a href="<?cs var:Site.Base ?>/forgot"><?cs var:Lang.Forgot.Title ?></a></p>
<?cs else ?><p><a href="<?cs var:Site.Base ?>/settings"><?cs var:Lang.Nav.Settings ?></a></p>
<?cs /if ?></section>
<?cs include:"footer.cs" ?>
