<?cs set:Page.Title = Lang.AdminFlags.Title ?><?cs include:"header.cs" ?>
<h1><?cs var:Lang.AdminFlags.Title ?></h1>
<p><?cs var:Lang.AdminFlags.Intro ?></p>
<?cs if:subcount(Flags) == 0 ?><p class="empty"><?cs var:Lang.AdminFlags.None ?></p>
<?cs else ?><div class="scroll"><table class="list" id="flags">
<thead><tr><th><?cs var:Lang.AdminFlags.When ?></th><th><?cs var:Lang.AdminFlags.What ?></th><th><?cs var:Lang.AdminFlags.Task ?></th><th><?cs var:Lang.AdminFlags.Employer ?></th><th><?cs var:Lang.AdminFlags.Worker ?></th><th><?cs var:Lang.AdminFlags.Address ?></th></tr></thead>
<tbody>
<?cs each:f = Flags ?><tr id="flag-<?cs var:f.Id ?>"><td data-label="<?cs var:Lang.AdminFlags.When ?>" class="when"><?cs var:f.When ?></td><td data-label="<?cs var:Lang.AdminFlags.What ?>"><?cs alt:Lang.AdminFlags.Kind[f.Kind] ?><?cs var:f.Kind ?><?cs /alt ?></td><td data-label="<?cs var:Lang.AdminFlags.Task ?>">#<?cs var:f.Task ?> <a href="<?cs var:Site.Base ?>/screenshots/<?cs var:f.Task ?>"><?cs var:Lang.AdminDisputes.Shot ?></a><br><a href="<?cs var:Site.Base ?>/jobs/<?cs var:f.CampaignId ?>"><?cs var:f.Title ?></a></td><td data-label="<?cs var:Lang.AdminFlags.Employer ?>"><?cs var:f.Employer ?></td><td data-label="<?cs var:Lang.AdminFlags.Worker ?>"><?cs var:f.Worker ?></td><td data-label="<?cs var:Lang.AdminFlags.Address ?>"><code><?cs var:f.Ip ?></code></td></tr>
<?cs /each ?></tbody>
</table></div>
<?cs /if ?><?cs include:"footer.cs" ?>
