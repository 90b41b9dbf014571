<?cs set:Page.Title = Job.Title ?><?cs include:"header.cs" ?>
<article class="jobpage">
<h1><?cs var:Job.Title ?></h1>
<dl class="facts">
 <dt><?cs var:Lang.Job.Pay ?></dt><dd><?cs var:Job.Pay ?> <?cs var:Site.Currency ?></dd>
 <dt><?cs var:Lang.Job.Type ?></dt><dd><?cs alt:Job.TypeLabel ?><?cs var:Job.JobType ?><?cs /alt ?></dd>
 <dt><?cs var:Lang.Job.Progress ?></dt><dd><?cs var:Job.SlotsDone ?> / <?cs var:Job.SlotsTotal ?></dd>
 <dt><?cs var:Lang.Job.TimeToFinish ?></dt><dd><?cs var:Job.Minutes ?> <?cs var:Lang.Job.Minutes ?></dd>
 <dt><?cs var:Lang.Job.DaysToRate ?></dt><dd><?cs var:Job.DaysToRate ?></dd>
 <dt><?cs var:Lang.Job.Employer ?></dt><dd><?cs var:Job.Owner ?></dd>
 <dt><?cs var:Lang.Job.Approves ?></dt><dd id="approval"><?cs if:Job.Approval ?><?cs var:Job.Approval ?>% <?cs var:Lang.Job.OfWork ?><?cs else ?><?cs var:Lang.Board.NewEmployer ?><?cs /if ?></dd>
 <dt><?cs var:Lang.Job.RatesIn ?></dt><dd id="rates-in"><?cs if:Job.Trust.RateTime.Value ?><?cs var:Job.Trust.RateTime.Value ?> <?cs var:Lang.Duration[Job.Trust.RateTime.Unit] ?><?cs else ?><?cs var:Lang.Job.NotYetRated ?><?cs /if ?></dd>
 <dt><?cs var:Lang.Job.Marks ?></dt><dd id="marks"><?cs if:Job.Trust.Reviews ?><?cs var:Lang.Review.Pay ?> <?cs var:Job.Trust.ReviewPay ?>, <?cs var:Lang.Review.Clarity ?> <?cs var:Job.Trust.ReviewClarity ?>, <?cs var:Lang.Review.Speed ?> <?cs var:Job.Trust.ReviewSpeed ?> (<?cs var:Lang.Job.OutOf5 ?>, <?cs var:Job.Trust.Reviews ?> <?cs var:Lang.Job.ReviewsBy ?>)<?cs else ?><?cs var:Lang.Job.NoMarks ?><?cs /if ?></dd>
<?cs include:"job_fields.cs" ?></dl>
<h2><?cs var:Lang.Job.WhatToDo ?></h2>
<div class="text"><?cs var:Job.Instructions ?></div>
<?cs if:Job.HasItems == 1 ?><p class="hint" id="items-note"><?cs var:Lang.Job.ItemsNote ?></p>
<?cs /if ?><h2><?cs var:Lang.Job.WhatProof ?></h2>
<div class="text"><?cs var:Job.ProofInstructions ?></div>
<section class="claim" id="claim">
<?cs if:Job.CanClaim == 1 ?><form method="post" action="<?cs var:Site.Base ?>/tasks/claim">
<input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
<input type="hidden" name="campaign" value="<?cs var:Job.Id ?>">
<button type="submit"><?cs var:Lang.Claim.Button ?></button>
<p class="hint"><?cs var:Lang.Claim.Hint ?> <?cs var:Job.Minutes ?> <?cs var:Lang.Job.Minutes ?>.</p>
</form>
<?cs elif:Job.Why ?><p class="cannot" id="why"><?cs alt:Lang.Claim.Why[Job.Why] ?><?cs var:Lang.Claim.Why.state ?><?cs /alt ?><?cs if:Job.MyTask ?> <a href="<?cs var:Site.Base ?>/tasks/<?cs var:Job.MyTask ?>"><?cs var:Lang.Claim.YourTask ?></a><?cs /if ?></p>
<?cs elif:!User.Id ?><p class="cannot"><a href="<?cs var:Site.Base ?>/login?next=/jobs/<?cs var:Job.Id ?>"><?cs var:Lang.Claim.LogIn ?></a></p>
<?cs /if ?></section>
</article>
<?cs include:"footer.cs" ?>
