<?cs set:Page.Title = Lang.Payouts.Title ?><?cs include:"header.cs" ?>
<h1><?cs var:Lang.Payouts.Title ?></h1>
<p><?cs var:Lang.Payouts.Intro ?></p>
<section id="month">
<h2><?cs var:Lang.Payouts.Month ?></h2>
<?cs if:Month.Count > 0 ?><dl class="facts">
 <dt><?cs var:Lang.Payouts.PaidCount ?></dt><dd id="paid-count"><?cs var:Month.Count ?></dd>
 <dt><?cs var:Lang.Payouts.PaidTotal ?></dt><dd id="paid-total"><?cs var:Month.Paid ?> <?cs var:Site.Currency ?></dd>
 <dt><?cs var:Lang.Payouts.Average ?></dt><dd id="paid-average"><?cs var:Month.Average.Value ?> <?cs var:Lang.Duration[Month.Average.Unit] ?></dd>
 <dt><?cs var:Lang.Payouts.Slowest ?></dt><dd id="paid-slowest"><?cs var:Month.Slowest.Value ?> <?cs var:Lang.Duration[Month.Slowest.Unit] ?></dd>
</dl>
<?cs else ?><p class="empty" id="paid-none"><?cs var:Lang.Payouts.NonePaid ?></p>
<?cs /if ?></section>
<section id="queue">
<h2><?cs var:Lang.Payouts.Queue ?></h2>
<?cs if:Waiting.Count > 0 ?><p id="waiting"><?cs var:Lang.Payouts.Waiting ?> <?cs var:Waiting.Count ?>. <?cs var:Lang.Payouts.Oldest ?> <?cs var:Waiting.Oldest.Value ?> <?cs var:Lang.Duration[Waiting.Oldest.Unit] ?>.</p>
<div class="scroll"><table class="list">
<thead><tr><th><?cs var:Lang.Payouts.Request ?></th><th><?cs var:Lang.Payouts.Method ?></th><th class="num"><?cs var:Lang.Payouts.Amount ?></th><th><?cs var:Lang.Payouts.Since ?></th></tr></thead>
<tbody>
<?cs each:w = Queue ?><tr><td data-label="<?cs var:Lang.Payouts.Request ?>">#<?cs var:w.Id ?></td><td data-label="<?cs var:Lang.Payouts.Method ?>"><?cs var:w.Method ?></td><td data-label="<?cs var:Lang.Payouts.Amount ?>" class="num"><?cs var:w.Amount ?> <?cs var:Site.Currency ?></td><td data-label="<?cs var:Lang.Payouts.Since ?>"><?cs var:w.When ?></td></tr>
<?cs /each ?></tbody>
</table></div>
<?cs if:QueueMore ?><p class="more"><?cs var:Lang.Payouts.More ?></p><?cs /if ?>
<?cs else ?><p class="empty" id="queue-empty"><?cs var:Lang.Payouts.QueueEmpty ?></p>
<?cs /if ?></section>
<?cs include:"footer.cs" ?>
