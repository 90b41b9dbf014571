<?cs set:Page.Title = Lang.Admin.Title ?><?cs include:"header.cs" ?>
<h1><?cs var:Lang.Admin.Title ?></h1>
<dl class="facts">
 <dt><?cs var:Lang.Admin.SchemaVersion ?></dt><dd id="schema-version"><?cs var:Admin.SchemaVersion ?></dd>
 <dt><?cs var:Lang.Admin.DbVersion ?></dt><dd><?cs var:Admin.DbVersion ?></dd>
 <dt><?cs var:Lang.Admin.Users ?></dt><dd><?cs var:Admin.Users ?></dd>
 <dt><?cs var:Lang.Admin.Campaigns ?></dt><dd><?cs var:Admin.Campaigns ?> (<?cs var:Admin.Running ?> <?cs var:Lang.Admin.Running ?>)</dd>
</dl>
<p id="flags"><a href="<?cs var:Site.Base ?>/admin/flags"><?cs var:Lang.Admin.Flags ?></a>: <?cs var:Admin.Flags ?> <?cs var:Lang.Admin.FlagsRecent ?></p>
<h2><?cs var:Lang.Admin.Plugins ?></h2>
<p><?cs var:Lang.Admin.PluginDir ?> <code><?cs var:Admin.PluginDir ?></code></p>
<ul class="plugins"><?cs each:p = Admin.Plugins ?><li><b><?cs var:p.Name ?></b> <code><?cs var:p.Path ?></code></li><?cs /each ?></ul>
<?cs include:"footer.cs" ?>
