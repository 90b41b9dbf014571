<?cs set:Page.Title = Lang.AdminMail.Title ?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<h1><?cs var:Lang.AdminMail.Title ?></h1>
<p><?cs var:Lang.AdminMail.Intro ?></p>
<dl class="facts">
 <dt><?cs var:Lang.AdminMail.Waiting ?></dt><dd id="mail-waiting"><?cs var:Mail.Waiting ?></dd>
 <dt><?cs var:Lang.AdminMail.Failed ?></dt><dd id="mail-failed"><?cs var:Mail.Failed ?></dd>
 <dt><?cs var:Lang.AdminMail.Sent ?></dt><dd id="mail-sent"><?cs var:Mail.Sent ?></dd>
</dl>
<section id="failed">
<h2><?cs var:Lang.AdminMail.FailedTitle ?></h2>
<?cs if:subcount(Failed) == 0 ?><p class="empty"><?cs var:Lang.AdminMail.NoneFailed ?></p>
<?cs else ?><p><?cs var:Lang.AdminMail.FailedIntro ?> <?cs var:Mail.MaxAttempts ?>.</p>
<div class="scroll"><table class="list">
<thead><tr><th><?cs var:Lang.AdminMail.Recipient ?></th><th><?cs var:Lang.AdminMail.Subject ?></th><th class="num"><?cs var:Lang.AdminMail.Attempts ?></th><th><?cs var:Lang.AdminMail.Error ?></th><th><?cs var:Lang.AdminMail.Retry ?></th></tr></thead>
<tbody>
<?cs each:m = Failed ?><tr id="mail-<?cs var:m.Id ?>"><td data-label="<?cs var:Lang.AdminMail.Recipient ?>"><?cs var:m.Recipient ?><br><span class="when"><?cs var:Lang.AdminMail.Queued ?> <?cs var:m.Created ?></span></td><td data-label="<?cs var:Lang.AdminMail.Subject ?>"><?cs var:m.Subject ?></td><td data-label="<?cs var:Lang.AdminMail.Attempts ?>" class="num"><?cs var:m.Attempts ?></td><td data-label="<?cs var:Lang.AdminMail.Error ?>" class="reason"><?cs if:m.Error ?><?cs var:m.Error ?><?cs else ?><?cs var:Lang.AdminMail.NoError ?><?cs /if ?></td><td data-label="<?cs var:Lang.AdminMail.Retry ?>">
<form method="post" action="<?cs var:Site.Base ?>/admin/mail/retry">
<?cs call:csrf() ?><input type="hidden" name="id" value="<?cs var:m.Id ?>">
<button type="submit"><?cs var:Lang.AdminMail.SendAgain ?></button>
</form></td></tr>
<?cs /each ?></tbody>
</table></div>
<?cs if:Mail.Failed > subcount(Failed) ?><p class="more"><?cs var:Lang.AdminMail.More ?></p><?cs /if ?>
<?cs /if ?></section>
<section id="late">
<h2><?cs var:Lang.AdminMail.LateTitle ?></h2>
<?cs if:subcount(Late) == 0 ?><p class="empty"><?cs var:Lang.AdminMail.NoneLate ?></p>
<?cs else ?><p><?cs var:Lang.AdminMail.LateIntro ?> <?cs var:Mail.LateMinutes ?> <?cs var:Lang.AdminMail.Minutes ?></p>
<div class="scroll"><table class="list">
<thead><tr><th><?cs var:Lang.AdminMail.Recipient ?></th><th><?cs var:Lang.AdminMail.Subject ?></th><th class="num"><?cs var:Lang.AdminMail.Attempts ?></th><th><?cs var:Lang.AdminMail.Error ?></th><th><?cs var:Lang.AdminMail.NextTry ?></th></tr></thead>
<tbody>
<?cs each:m = Late ?><tr id="mail-<?cs var:m.Id ?>"><td data-label="<?cs var:Lang.AdminMail.Recipient ?>"><?cs var:m.Recipient ?><br><span class="when"><?cs var:Lang.AdminMail.Queued ?> <?cs var:m.Created ?></span></td><td data-label="<?cs var:Lang.AdminMail.Subject ?>"><?cs var:m.Subject ?></td><td data-label="<?cs var:Lang.AdminMail.Attempts ?>" class="num"><?cs var:m.Attempts ?></td><td data-label="<?cs var:Lang.AdminMail.Error ?>" class="reason"><?cs var:m.Error ?></td><td data-label="<?cs var:Lang.AdminMail.NextTry ?>"><?cs alt:Lang.AdminMail.States[m.State] ?><?cs var:m.State ?><?cs /alt ?> <span class="when"><?cs var:m.NextTry ?></span></td></tr>
<?cs /each ?></tbody>
</table></div>
<?cs /if ?></section>
<?cs include:"footer.cs" ?>
