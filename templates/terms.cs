<?cs set:Page.Title = Lang.Terms.Title ?><?cs include:"header.cs" ?>
<h1><?cs var:Lang.Terms.Title ?></h1>
<ol class="terms"><?cs each:t = Lang.Terms.Items ?><li><?cs var:t ?></li><?cs /each ?></ol>
<?cs include:"footer.cs" ?>
