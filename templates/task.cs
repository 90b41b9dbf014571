<?cs set:Page.Title = Task.Title ?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<article class="taskpage">
<h1><?cs var:Task.Title ?></h1>
<dl class="facts">
 <dt><?cs var:Lang.Job.Pay ?></dt><dd><?cs var:Task.Pay ?> <?cs var:Site.Currency ?></dd>
 <dt><?cs var:Lang.Task.State ?></dt><dd id="state" class="<?cs var:Task.State ?>"><?cs alt:Lang.TaskState[Task.State] ?><?cs var:Task.State ?><?cs /alt ?></dd>
<?cs if:Task.Reason ?> <dt><?cs var:Lang.Task.Reason ?></dt><dd id="reason"><?cs var:Task.Reason ?></dd>
<?cs /if ?><?cs if:Task.State == "claimed" || Task.State == "revise" ?> <dt><?cs var:Lang.Task.Deadline ?></dt><dd id="deadline"><?cs var:Task.Deadline ?></dd>
<?cs /if ?><?cs if:Task.HasShot == 1 ?> <dt><?cs var:Lang.Task.Screenshot ?></dt><dd><a href="<?cs var:Site.Base ?>/screenshots/<?cs var:Task.Id ?>"><?cs var:Lang.Task.ShotOpen ?></a></dd>
<?cs /if ?></dl>
<?cs if:Task.State == "expired" ?><p class="cannot" id="expired"><?cs var:Lang.Task.Expired ?></p>
<?cs /if ?><h2><?cs var:Lang.Job.WhatToDo ?></h2>
<div class="text"><?cs var:Task.Instructions ?></div>
<?cs if:subcount(Job.Fields) > 0 ?><dl class="facts" id="job-fields">
<?cs include:"job_fields.cs" ?></dl>
<?cs /if ?><?cs if:Task.VerifyLink ?><p class="verify" id="verify-link"><a href="<?cs var:Task.VerifyLink ?>" rel="noopener noreferrer" target="_blank"><?cs var:Lang.Task.VerifyLink ?></a></p>
<p class="hint"><?cs var:Lang.Task.VerifyHint ?></p>
<?cs /if ?><h2><?cs var:Lang.Job.WhatProof ?></h2>
<div class="text"><?cs var:Task.ProofInstructions ?></div>
<?cs if:subcount(Proof.Sent) > 0 ?><h2><?cs var:Lang.Task.YourProof ?></h2>
<dl class="facts proof">
<?cs each:s = Proof.Sent ?> <dt><?cs var:s.Label ?></dt><dd><?cs var:s.Value ?></dd>
<?cs /each ?></dl>
<?cs /if ?><?cs if:Proof.Open == 1 ?><section id="proof">
<h2><?cs var:Lang.Task.SendProof ?></h2>
<form method="post" action="<?cs var:Site.Base ?>/tasks/submit" enctype="multipart/form-data" novalidate>
<?cs call:csrf() ?>
<input type="hidden" name="task" value="<?cs var:Task.Id ?>">
<?cs if:Task.Posted == "proof" && Form.HasErrors ?><p class="error-summary" role="alert"><?cs var:Lang.Form.FixBelow ?></p><?cs call:error_in("p", "task", Form.Errors.task) ?><?cs /if ?>
<?cs each:f = Proof.Fields ?><div class="field<?cs if:Form.Errors[f.Name] ?> bad<?cs /if ?>">
 <label for="p-<?cs var:f.Name ?>"><?cs var:f.Label ?><?cs if:f.Required != 1 ?> <?cs var:Lang.Task.Optional ?><?cs /if ?></label>
<?cs if:f.Type == "textarea" ?> <textarea id="p-<?cs var:f.Name ?>" name="<?cs var:f.Name ?>" rows="5"<?cs if:f.MaxLen ?> maxlength="<?cs var:f.MaxLen ?>"<?cs /if ?>><?cs var:Form[f.Name] ?></textarea>
<?cs elif:f.Type == "choice" ?> <select id="p-<?cs var:f.Name ?>" name="<?cs var:f.Name ?>">
  <option value=""><?cs var:Lang.Task.Choose ?></option>
<?cs each:ch = f.Choices ?>  <option value="<?cs var:ch.Value ?>"<?cs if:Form[f.Name] == ch.Value ?> selected<?cs /if ?>><?cs var:ch.Label ?></option>
<?cs /each ?> </select>
<?cs elif:f.Type == "int" ?> <input id="p-<?cs var:f.Name ?>" name="<?cs var:f.Name ?>" type="text" inputmode="numeric" value="<?cs var:Form[f.Name] ?>" autocomplete="off">
<?cs elif:f.Type == "url" ?> <input id="p-<?cs var:f.Name ?>" name="<?cs var:f.Name ?>" type="url" value="<?cs var:Form[f.Name] ?>"<?cs if:f.MaxLen ?> maxlength="<?cs var:f.MaxLen ?>"<?cs /if ?> autocomplete="off">
<?cs else ?> <input id="p-<?cs var:f.Name ?>" name="<?cs var:f.Name ?>" type="text" value="<?cs var:Form[f.Name] ?>"<?cs if:f.MaxLen ?> maxlength="<?cs var:f.MaxLen ?>"<?cs /if ?> autocomplete="off">
<?cs /if ?><?cs if:f.Help ?> <p class="hint"><?cs var:f.Help ?></p>
<?cs /if ?> <?cs call:error_in("p", f.Name, Form.Errors[f.Name]) ?>
</div>
<?cs /each ?><?cs if:Proof.Shot.Name ?><div class="field<?cs if:Form.Errors[Proof.Shot.Name] ?> bad<?cs /if ?>">
 <label for="p-<?cs var:Proof.Shot.Name ?>"><?cs alt:Proof.Shot.Label ?><?cs var:Lang.Task.Screenshot ?><?cs /alt ?><?cs if:Proof.Shot.Required != 1 ?> <?cs var:Lang.Task.Optional ?><?cs /if ?></label>
 <input id="p-<?cs var:Proof.Shot.Name ?>" name="<?cs var:Proof.Shot.Name ?>" type="file" accept="image/png,image/jpeg,image/webp">
 <p class="hint"><?cs if:Proof.Shot.Help ?><?cs var:Proof.Shot.Help ?> <?cs /if ?><?cs var:Lang.Task.ShotHint ?><?cs if:Task.Posted == "proof" && Form.HasErrors ?> <?cs var:Lang.Task.ShotAgain ?><?cs /if ?></p>
 <?cs call:error_in("p", Proof.Shot.Name, Form.Errors[Proof.Shot.Name]) ?>
</div>
<?cs /if ?><button type="submit"><?cs var:Lang.Task.Submit ?></button>
</form>
</section>
<?cs /if ?><?cs if:Dispute.State ?><section id="dispute">
<h2><?cs var:Lang.Dispute.Title ?></h2>
<p class="state <?cs var:Dispute.State ?>" id="dispute-state"><?cs alt:Lang.Dispute.States[Dispute.State] ?><?cs var:Dispute.State ?><?cs /alt ?></p>
<p class="message"><?cs var:Lang.Dispute.YourMessage ?> <?cs var:Dispute.Message ?></p>
<?cs if:Dispute.Note ?><p class="note"><?cs var:Lang.Dispute.Note ?> <?cs var:Dispute.Note ?></p>
<?cs /if ?></section>
<?cs elif:Task.State == "not_satisfied" ?><section id="dispute">
<h2><?cs var:Lang.Dispute.Title ?></h2>
<p><?cs var:Lang.Dispute.Text ?></p>
<form method="post" action="<?cs var:Site.Base ?>/tasks/dispute" novalidate>
<?cs call:csrf() ?>
<input type="hidden" name="task" value="<?cs var:Task.Id ?>">
<div class="field<?cs if:Form.Errors.message ?> bad<?cs /if ?>">
 <label for="d-message"><?cs var:Lang.Dispute.Message ?></label>
 <textarea id="d-message" name="message" rows="5" maxlength="2000"><?cs if:Task.Posted == "dispute" ?><?cs var:Form.message ?><?cs /if ?></textarea>
 <?cs call:error_in("d", "message", Form.Errors.message) ?>
</div>
<button type="submit"><?cs var:Lang.Dispute.Send ?></button>
</form>
</section>
<?cs /if ?><?cs if:Review.Pay ?><section id="review">
<h2><?cs var:Lang.Review.Title ?></h2>
<p id="review-done"><?cs var:Lang.Review.Yours ?></p>
<dl class="facts">
 <dt><?cs var:Lang.Review.Pay ?></dt><dd><?cs var:Review.Pay ?> / 5</dd>
 <dt><?cs var:Lang.Review.Clarity ?></dt><dd><?cs var:Review.Clarity ?> / 5</dd>
 <dt><?cs var:Lang.Review.Speed ?></dt><dd><?cs var:Review.Speed ?> / 5</dd>
</dl>
</section>
<?cs elif:Review.Open == 1 ?><section id="review">
<h2><?cs var:Lang.Review.Title ?></h2>
<p><?cs var:Lang.Review.Text ?></p>
<?cs if:Task.Posted == "review" && Form.HasErrors ?><p class="error-summary" role="alert"><?cs var:Lang.Form.FixBelow ?></p><?cs /if ?>
<form method="post" action="<?cs var:Site.Base ?>/tasks/review" novalidate>
<?cs call:csrf() ?>
<input type="hidden" name="task" value="<?cs var:Task.Id ?>">
<?cs each:q = Lang.Review.Questions ?><div class="field<?cs if:Task.Posted == "review" && Form.Errors[name(q)] ?> bad<?cs /if ?>">
 <label for="r-<?cs name:q ?>"><?cs var:q ?></label>
 <select id="r-<?cs name:q ?>" name="<?cs name:q ?>">
  <option value=""><?cs var:Lang.Review.Choose ?></option>
<?cs each:m = Lang.Review.Marks ?>  <option value="<?cs name:m ?>"<?cs if:Task.Posted == "review" && Form[name(q)] == name(m) ?> selected<?cs /if ?>><?cs var:m ?></option>
<?cs /each ?> </select>
 <?cs if:Task.Posted == "review" ?><?cs call:error_in("r", name(q), Form.Errors[name(q)]) ?><?cs /if ?>
</div>
<?cs /each ?><button type="submit"><?cs var:Lang.Review.Send ?></button>
</form>
</section>
<?cs /if ?></article>
<?cs include:"footer.cs" ?>
