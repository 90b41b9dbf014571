<?cs set:Page.Title = Site.Name ?><?cs include:"header.cs" ?>
<p><a href="<?cs var:Site.Base ?>/"><?cs var:Lang.Error.Home ?></a></p>
<?cs include:"footer.cs" ?>
