<?cs set:Page.Title = Lang.AdminDisputes.Title ?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<h1><?cs var:Lang.AdminDisputes.Title ?></h1>
<section id="open">
<h2><?cs var:Lang.AdminDisputes.Open ?></h2>
<?cs if:subcount(Open) == 0 ?><p class="empty"><?cs var:Lang.AdminDisputes.NoneOpen ?></p>
<?cs else ?><div class="scroll"><table class="list">
<thead><tr><th><?cs var:Lang.AdminDisputes.Task ?></th><th><?cs var:Lang.AdminDisputes.Worker ?></th><th><?cs var:Lang.AdminDisputes.Campaign ?></th><th><?cs var:Lang.AdminDisputes.Reason ?></th><th><?cs var:Lang.AdminDisputes.Message ?></th><th><?cs var:Lang.AdminDisputes.Decide ?></th></tr></thead>
<tbody>
<?cs each:d = Open ?><tr id="dispute-<?cs var:d.Id ?>"><td data-label="<?cs var:Lang.AdminDisputes.Task ?>">#<?cs var:d.Task ?> <a href="<?cs var:Site.Base ?>/screenshots/<?cs var:d.Task ?>"><?cs var:Lang.AdminDisputes.Shot ?></a><br><span class="when"><?cs var:d.When ?></span></td><td data-label="<?cs var:Lang.AdminDisputes.Worker ?>"><?cs var:d.Worker ?></td><td data-label="<?cs var:Lang.AdminDisputes.Campaign ?>"><a href="<?cs var:Site.Base ?>/jobs/<?cs var:d.CampaignId ?>"><?cs var:d.Title ?></a><br><?cs var:Lang.AdminDisputes.By ?> <?cs var:d.Employer ?>, <?cs var:d.Pay ?> <?cs var:Site.Currency ?></td><td data-label="<?cs var:Lang.AdminDisputes.Reason ?>" class="reason"><?cs var:d.Reason ?></td><td data-label="<?cs var:Lang.AdminDisputes.Message ?>" class="message"><?cs var:d.Message ?></td><td data-label="<?cs var:Lang.AdminDisputes.Decide ?>" class="decide">
<form method="post" action="<?cs var:Site.Base ?>/admin/disputes/decide">
<?cs call:csrf() ?>
<input type="hidden" name="id" value="<?cs var:d.Id ?>">
<label for="note-<?cs var:d.Id ?>"><?cs var:Lang.AdminDisputes.Note ?></label>
<input id="note-<?cs var:d.Id ?>" name="note" type="text" maxlength="500" autocomplete="off">
<button type="submit" name="decision" value="overturn"><?cs var:Lang.AdminDisputes.Overturn ?></button>
<button type="submit" name="decision" value="uphold"><?cs var:Lang.AdminDisputes.Uphold ?></button>
</form></td></tr>
<?cs /each ?></tbody>
</table></div>
<?cs /if ?></section>
<section id="decided">
<h2><?cs var:Lang.AdminDisputes.Decided ?></h2>
<?cs if:subcount(Decided) == 0 ?><p class="empty"><?cs var:Lang.AdminDisputes.NoneDecided ?></p>
<?cs else ?><div class="scroll"><table class="list">
<thead><tr><th><?cs var:Lang.AdminDisputes.Task ?></th><th><?cs var:Lang.AdminDisputes.Worker ?></th><th><?cs var:Lang.AdminDisputes.Campaign ?></th><th><?cs var:Lang.AdminDisputes.State ?></th></tr></thead>
<tbody>
<?cs each:d = Decided ?><tr class="<?cs var:d.State ?>"><td data-label="<?cs var:Lang.AdminDisputes.Task ?>">#<?cs var:d.Task ?></td><td data-label="<?cs var:Lang.AdminDisputes.Worker ?>"><?cs var:d.Worker ?></td><td data-label="<?cs var:Lang.AdminDisputes.Campaign ?>"><?cs var:d.Title ?></td><td data-label="<?cs var:Lang.AdminDisputes.State ?>"><?cs alt:Lang.Dispute.States[d.State] ?><?cs var:d.State ?><?cs /alt ?> <span class="when"><?cs var:d.Decided ?></span><?cs if:d.Note ?><br><span class="note"><?cs var:d.Note ?></span><?cs /if ?></td></tr>
<?cs /each ?></tbody>
</table></div>
<?cs /if ?></section>
<?cs include:"footer.cs" ?>
