<?cs set:Page.Title = Lang.Manage.ListTitle ?><?cs include:"header.cs" ?>
<h1><?cs var:Lang.Manage.ListTitle ?></h1>
<?cs if:subcount(Campaigns) == 0 ?><p class="empty"><?cs var:Lang.Manage.NoCampaigns ?></p>
<?cs else ?><div class="scroll"><table class="list campaigns">
<thead><tr><th><?cs var:Lang.Manage.Campaign ?></th><th><?cs var:Lang.Manage.State ?></th><th class="num"><?cs var:Lang.Manage.Progress ?></th><th class="num"><?cs var:Lang.Manage.ToRate ?></th><th class="num"><?cs var:Lang.Manage.Spent ?></th><th class="num"><?cs var:Lang.Manage.EscrowLeft ?></th></tr></thead>
<tbody>
<?cs each:k = Campaigns ?><tr class="<?cs var:k.State ?>" id="campaign-<?cs var:k.Id ?>"><td data-label="<?cs var:Lang.Manage.Campaign ?>"><a href="<?cs var:Site.Base ?>/campaigns/<?cs var:k.Id ?>"><?cs var:k.Title ?></a><br><span class="when"><?cs var:k.When ?></span></td><td data-label="<?cs var:Lang.Manage.State ?>"><?cs alt:Lang.Manage.States[k.State] ?><?cs var:k.State ?><?cs /alt ?></td><td data-label="<?cs var:Lang.Manage.Progress ?>" class="num"><?cs var:k.Done ?> <?cs var:Lang.Manage.Of ?> <?cs var:k.Total ?></td><td data-label="<?cs var:Lang.Manage.ToRate ?>" class="num"><?cs var:k.ToRate ?></td><td data-label="<?cs var:Lang.Manage.Spent ?>" class="num"><?cs var:k.Spent ?> <?cs var:Site.Currency ?></td><td data-label="<?cs var:Lang.Manage.EscrowLeft ?>" class="num"><?cs var:k.Escrow ?> <?cs var:Site.Currency ?></td></tr>
<?cs /each ?></tbody>
</table></div>
<?cs if:CampaignsMore ?><p class="hint"><?cs var:Lang.Manage.More ?></p><?cs /if ?>
<?cs /if ?>
<?cs include:"footer.cs" ?>
