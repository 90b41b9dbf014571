<?cs set:Page.Title = Error.Title ?><?cs include:"header.cs" ?>
<section class="error">
<h1><?cs var:Error.Title ?></h1>
<p><?cs var:Error.Text ?></p>
<?cs if:Error.WaitMinutes ?><p class="wait"><?cs var:Lang.Error.429.WaitPrefix ?> <?cs var:Error.WaitMinutes ?> <?cs var:Lang.Error.429.WaitSuffix ?></p><?cs /if ?>
<?cs if:Error.Detail ?><p class="detail"><?cs var:Error.Detail ?></p><?cs /if ?>
<p class="actions"><a href="<?cs var:Site.Base ?>/"><?cs var:Lang.Error.Home ?></a></p>
</section>
<?cs include:"footer.cs" ?>
