<?cs set:Page.Title = Campaign.Title ?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?><?cs
# A small form posting one button with the campaign's id; kind is the
# button's class ("danger" for blocking a worker, or ""). The button says
# label, or with a worker's name the words around it (BlockBefore, name,
# BlockAfter: each language orders its own). ?><?cs
def:act(path, label, worker, kind, name) ?><form class="inline" method="post" action="<?cs var:Site.Base ?>/campaigns/<?cs var:path ?>"><?cs call:csrf() ?><input type="hidden" name="id" value="<?cs var:Campaign.Id ?>"><?cs if:worker ?><input type="hidden" name="worker" value="<?cs var:worker ?>"><?cs /if ?><button type="submit"<?cs if:kind ?> class="<?cs var:kind ?>"<?cs /if ?>><?cs if:name ?><?cs if:Lang.Manage.BlockBefore ?><?cs var:Lang.Manage.BlockBefore ?> <?cs /if ?><?cs var:name ?><?cs var:Lang.Manage.BlockAfter ?><?cs else ?><?cs var:label ?><?cs /if ?></button></form><?cs
/def ?>
<h1><?cs var:Campaign.Title ?></h1>
<p class="actions"><a href="<?cs var:Site.Base ?>/campaigns"><?cs var:Lang.Manage.BackToList ?></a></p>
<?cs if:Rate.Shown ?><p class="notice" id="rate-report"><?cs var:Lang.Manage.Rated ?> <b id="rated"><?cs alt:Rate.rated ?>0<?cs /alt ?></b>.<?cs if:#Rate.skipped > 0 ?> <?cs var:Lang.Manage.Skipped ?> <b id="skipped"><?cs var:Rate.skipped ?></b>.<?cs /if ?><?cs if:#Rate.refused > 0 ?> <?cs var:Lang.Manage.Refused ?> <b id="refused"><?cs var:Rate.refused ?></b>.<?cs /if ?></p>
<?cs /if ?><dl class="facts">
 <dt><?cs var:Lang.Manage.State ?></dt><dd id="state" class="<?cs var:Campaign.State ?>"><?cs alt:Lang.Manage.States[Campaign.State] ?><?cs var:Campaign.State ?><?cs /alt ?><?cs if:Campaign.RejectReason ?> (<?cs var:Campaign.RejectReason ?>)<?cs /if ?></dd>
 <dt><?cs var:Lang.Manage.Progress ?></dt><dd><?cs var:Campaign.Done ?> <?cs var:Lang.Manage.Of ?> <?cs var:Campaign.Total ?> (<?cs var:Lang.Manage.Taken ?> <?cs var:Campaign.Taken ?>)</dd>
 <dt><?cs var:Lang.Manage.Pay ?></dt><dd><?cs var:Campaign.Pay ?> <?cs var:Site.Currency ?></dd>
 <dt><?cs var:Lang.Manage.EscrowLeft ?></dt><dd id="escrow"><?cs var:Campaign.Escrow ?> <?cs var:Site.Currency ?></dd>
 <dt><?cs var:Lang.Manage.Outstanding ?></dt><dd><?cs var:Campaign.Outstanding ?></dd>
 <dt><?cs var:Lang.Manage.TimeToFinish ?></dt><dd><?cs var:Campaign.Minutes ?> <?cs var:Lang.Manage.Minutes ?>; <?cs var:Lang.Manage.DaysToRate ?> <?cs var:Campaign.Days ?></dd>
 <dt><?cs var:Lang.Manage.Release ?></dt><dd id="release"><?cs if:#Campaign.Release > 0 ?><?cs var:Campaign.Release ?><?cs else ?><?cs var:Lang.Manage.AllAtOnce ?><?cs /if ?></dd>
 <dt><?cs var:Lang.Manage.Created ?></dt><dd><?cs var:Campaign.When ?></dd>
</dl>
<?cs if:Campaign.HasItems == 1 ?><p class="actions" id="results"><a href="<?cs var:Site.Base ?>/campaigns/results/<?cs var:Campaign.Id ?>" download><?cs var:Lang.Manage.Results ?></a> <span class="hint"><?cs var:Lang.Manage.ResultsHint ?></span></p>
<?cs /if ?><?cs if:Campaign.Controls ?><section id="controls">
<h2><?cs var:Lang.Manage.Controls ?></h2>
<div class="controls"><?cs if:Campaign.State == "running" ?><?cs call:act("pause", Lang.Manage.Pause, "", "", "") ?><?cs else ?><?cs call:act("resume", Lang.Manage.Resume, "", "", "") ?><?cs /if ?></div>
<?cs if:Campaign.HasItems == 1 ?><p class="hint" id="items-no-add"><?cs var:Lang.Manage.ItemsNoAdd ?></p>
<?cs else ?><form method="post" action="<?cs var:Site.Base ?>/campaigns/add" id="add-slots">
 <?cs call:csrf() ?><input type="hidden" name="id" value="<?cs var:Campaign.Id ?>"><input type="hidden" name="key" value="<?cs var:Campaign.AddKey ?>">
 <label for="a-slots"><?cs var:Lang.Manage.AddSlots ?></label>
 <input id="a-slots" name="slots" type="text" inputmode="numeric" value="" autocomplete="off">
 <p class="hint"><?cs var:Lang.Manage.SlotCost ?> <?cs var:Campaign.SlotCost ?> <?cs var:Site.Currency ?>. <?cs var:Lang.Manage.YourBalance ?> <?cs var:Campaign.Available ?> <?cs var:Site.Currency ?>.</p>
 <button type="submit"><?cs var:Lang.Manage.Add ?></button>
</form>
<?cs /if ?><form method="post" action="<?cs var:Site.Base ?>/campaigns/stop" id="stop">
 <?cs call:csrf() ?><input type="hidden" name="id" value="<?cs var:Campaign.Id ?>">
 <p class="hint"><?cs var:Lang.Manage.StopText ?> <b id="refund"><?cs var:Campaign.Refund ?> <?cs var:Site.Currency ?></b>.</p>
 <button type="submit" class="reject"><?cs var:Lang.Manage.Stop ?></button>
</form>
</section>
<?cs /if ?>
<section id="pending">
<h2><?cs var:Lang.Manage.PendingTitle ?></h2>
<?cs if:subcount(Pending) == 0 ?><p class="empty"><?cs var:Lang.Manage.NonePending ?></p>
<?cs else ?><form method="post" action="<?cs var:Site.Base ?>/campaigns/rate" id="rate">
<?cs call:csrf() ?><input type="hidden" name="id" value="<?cs var:Campaign.Id ?>">
<ul class="queue">
<?cs each:t = Pending ?> <li class="submission" id="task-<?cs var:t.Id ?>">
  <label class="choice"><input type="checkbox" name="task" value="<?cs var:t.Id ?>"> <?cs var:Lang.Manage.Task ?> #<?cs var:t.Id ?></label>
  <dl class="facts">
   <dt><?cs var:Lang.Manage.Worker ?></dt><dd><?cs var:t.Worker ?> (<?cs if:?t.Success ?><?cs var:Lang.Manage.SuccessRate ?> <?cs var:t.Success ?>%<?cs else ?><?cs var:Lang.Manage.NothingRated ?><?cs /if ?>)<?cs if:t.Blocked == "1" ?> <span class="blocked"><?cs var:Lang.Manage.IsBlocked ?></span><?cs /if ?></dd>
   <dt><?cs var:Lang.Manage.Submitted ?></dt><dd><?cs var:t.When ?><?cs if:t.Revisions > 0 ?> (<?cs var:Lang.Manage.Revised ?>)<?cs /if ?></dd>
<?cs each:p = t.Proof ?>   <dt><?cs var:p.Label ?></dt><dd class="proof"><?cs var:p.Value ?></dd>
<?cs /each ?><?cs if:t.Shot == "1" ?>   <dt><?cs var:Lang.Manage.Screenshot ?></dt><dd><a href="<?cs var:Site.Base ?>/screenshots/<?cs var:t.Id ?>" target="_blank" rel="noopener"><img class="thumb" src="<?cs var:Site.Base ?>/screenshots/<?cs var:t.Id ?>" alt="<?cs var:Lang.Manage.Screenshot ?>" width="160"></a></dd>
<?cs /if ?>  </dl>
<?cs if:t.CodeOk == "1" ?>  <p class="code ok" id="code-<?cs var:t.Id ?>"><?cs var:Lang.Manage.CodeMatches ?></p>
<?cs elif:t.CodeOk == "0" ?>  <p class="code wrong" id="code-<?cs var:t.Id ?>"><?cs var:Lang.Manage.CodeWrong ?></p>
<?cs /if ?><?cs if:t.DuplicateOf ?>  <p class="duplicate"><?cs var:Lang.Manage.SameProofAs ?> #<?cs var:t.DuplicateOf ?></p>
<?cs /if ?> </li>
<?cs /each ?></ul>
<?cs if:PendingMore ?><p class="hint"><?cs var:Lang.Manage.PendingMore ?></p><?cs /if ?>
<div class="field">
 <label for="r-rating"><?cs var:Lang.Manage.Rating ?></label>
 <select id="r-rating" name="rating">
  <option value="satisfied"><?cs var:Lang.Manage.Satisfied ?></option>
  <option value="not_satisfied"><?cs var:Lang.Manage.NotSatisfied ?></option>
  <option value="revise"><?cs var:Lang.Manage.Revise ?></option>
 </select>
</div>
<div class="field">
 <label for="r-reason"><?cs var:Lang.Manage.Reason ?></label>
 <input id="r-reason" name="reason" type="text" maxlength="500" value="" autocomplete="off">
 <p class="hint"><?cs var:Lang.Manage.ReasonHint ?></p>
</div>
<button type="submit"><?cs var:Lang.Manage.RateSelected ?></button>
</form>
<div class="blocks"><?cs each:t = Pending ?><?cs if:t.Blocked != "1" ?><?cs call:act("block", "", t.WorkerId, "danger", t.Worker) ?> <?cs /if ?><?cs /each ?></div>
<?cs /if ?></section>
<section id="paid">
<h2><?cs var:Lang.Manage.PaidTitle ?></h2>
<?cs if:subcount(Paid) == 0 ?><p class="empty"><?cs var:Lang.Manage.NonePaid ?></p>
<?cs else ?><ul class="queue">
<?cs each:t = Paid ?> <li id="paid-<?cs var:t.Id ?>"><?cs var:Lang.Manage.Task ?> #<?cs var:t.Id ?>, <?cs var:t.Worker ?>, <?cs var:t.When ?><?cs if:t.Bonus ?>; <?cs var:Lang.Manage.BonusPaid ?> <?cs var:t.Bonus ?> <?cs var:Site.Currency ?><?cs else ?>
  <form class="inline" method="post" action="<?cs var:Site.Base ?>/campaigns/bonus"><?cs call:csrf() ?><input type="hidden" name="task" value="<?cs var:t.Id ?>">
   <label for="b-<?cs var:t.Id ?>"><?cs var:Lang.Manage.Bonus ?></label> <input id="b-<?cs var:t.Id ?>" name="amount" type="text" inputmode="decimal" size="8" value="" autocomplete="off">
   <button type="submit"><?cs var:Lang.Manage.PayBonus ?></button></form><?cs /if ?>
<?cs if:t.Blocked != "1" ?>  <?cs call:act("block", Lang.Manage.Block, t.WorkerId, "danger", "") ?>
<?cs /if ?> </li>
<?cs /each ?></ul>
<?cs /if ?></section>
<?cs if:subcount(Blocks) > 0 ?><section id="blocks">
<h2><?cs var:Lang.Manage.BlocksTitle ?></h2>
<ul>
<?cs each:b = Blocks ?> <li><?cs var:b.Worker ?> <?cs call:act("unblock", Lang.Manage.Unblock, b.WorkerId, "", "") ?></li>
<?cs /each ?></ul>
</section>
<?cs /if ?><section id="save-template">
<h2><?cs var:Lang.Manage.SaveTemplate ?></h2>
<form method="post" action="<?cs var:Site.Base ?>/campaigns/template" id="template">
 <?cs call:csrf() ?><input type="hidden" name="id" value="<?cs var:Campaign.Id ?>">
 <label for="t-name"><?cs var:Lang.Manage.TemplateName ?></label>
 <input id="t-name" name="name" type="text" maxlength="80" value="" autocomplete="off" aria-describedby="t-hint">
 <p class="hint" id="t-hint"><?cs var:Lang.Manage.TemplateHint ?></p>
 <button type="submit"><?cs var:Lang.Manage.SaveTemplate ?></button>
</form>
</section>
<?cs include:"footer.cs" ?>
