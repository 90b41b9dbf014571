<?cs set:Page.Title = Lang.Tasks.Title ?><?cs include:"header.cs" ?>
<h1><?cs var:Lang.Tasks.Title ?></h1>
<dl class="facts record">
 <dt><?cs var:Lang.Tasks.Level ?></dt><dd id="level"><?cs alt:Lang.Level[Record.Level] ?><?cs var:Record.Level ?><?cs /alt ?></dd>
 <dt><?cs var:Lang.Tasks.Success ?></dt><dd id="success"><?cs if:Record.Rated > 0 ?><?cs var:Record.Rate ?>% (<?cs var:Record.Satisfied ?> <?cs var:Lang.Tasks.Of ?> <?cs var:Record.Rated ?>)<?cs else ?><?cs var:Lang.Tasks.NotRated ?><?cs /if ?></dd>
</dl>
<p class="actions"><a href="<?cs var:Site.Base ?>/dashboard"><?cs var:Lang.Level.Hint ?></a></p>
<?cs if:Filter.State ?><p class="actions" id="filter"><?cs var:Lang.Tasks.Showing ?> <strong><?cs var:Lang.Dash.State[Filter.State] ?></strong> <a href="<?cs var:Site.Base ?>/tasks"><?cs var:Lang.Tasks.ShowAll ?></a></p>
<?cs /if ?><?cs if:subcount(Tasks) == 0 ?><p class="empty"><?cs var:Lang.Tasks.Empty ?> <a href="<?cs var:Site.Base ?>/"><?cs var:Lang.Tasks.FindJobs ?></a></p>
<?cs else ?><div class="scroll"><table class="list" id="tasks">
<thead><tr><th><?cs var:Lang.Tasks.Job ?></th><th class="num"><?cs var:Lang.Tasks.Pay ?></th><th><?cs var:Lang.Tasks.State ?></th><th><?cs var:Lang.Tasks.Deadline ?></th></tr></thead>
<tbody>
<?cs each:t = Tasks ?><tr class="<?cs var:t.State ?>"><td data-label="<?cs var:Lang.Tasks.Job ?>"><a href="<?cs var:Site.Base ?>/tasks/<?cs var:t.Id ?>"><?cs var:t.Title ?></a></td><td data-label="<?cs var:Lang.Tasks.Pay ?>" class="num"><?cs var:t.Pay ?> <?cs var:Site.Currency ?></td><td data-label="<?cs var:Lang.Tasks.State ?>"><?cs alt:Lang.TaskState[t.State] ?><?cs var:t.State ?><?cs /alt ?><?cs if:t.Reason ?><br><span class="reason"><?cs var:Lang.Tasks.Reason ?> <?cs var:t.Reason ?></span><?cs /if ?></td><td data-label="<?cs var:Lang.Tasks.Deadline ?>"><?cs if:t.State == "claimed" || t.State == "revise" ?><?cs var:t.Deadline ?><?cs /if ?></td></tr>
<?cs /each ?></tbody>
</table></div>
<?cs /if ?>
<?cs include:"footer.cs" ?>
