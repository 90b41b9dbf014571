<?cs with:t = Lang.Help[Help.Topic] ?><?cs set:Page.Title = t.Title ?><?cs include:"header.cs" ?>
<article class="help" id="help-<?cs var:Help.Topic ?>">
<h1><?cs var:t.Title ?></h1>
<?cs if:t.Intro ?><p class="intro"><?cs var:t.Intro ?></p><?cs /if ?>
<?cs if:Help.Topic == "index" ?><ul class="topics">
<?cs each:k = Lang.Help.Topics ?> <li><a href="<?cs var:Site.Base ?>/help/<?cs name:k ?>"><?cs var:Lang.Help[name(k)].Title ?></a> &ndash; <?cs var:k ?></li>
<?cs /each ?></ul>
<?cs elif:Help.Topic == "fees" ?><section id="fee-task">
<h2><?cs var:t.TaskTitle ?></h2>
<p><?cs var:t.TaskPrefix ?> <strong id="task-percent"><?cs var:Fees.TaskPercent ?>%</strong> <?cs var:t.TaskSuffix ?></p>
<p class="example" id="task-example"><?cs var:t.ExampleTask ?> <?cs var:Fees.Example ?> <?cs var:Site.Currency ?>: <?cs var:t.ExampleFee ?> <?cs var:Fees.ExampleTaskFee ?> <?cs var:Site.Currency ?>, <?cs var:t.ExampleEmployerPays ?> <?cs var:Fees.ExampleEmployerPays ?> <?cs var:Site.Currency ?>.</p>
<p><?cs var:t.WorkerKeeps ?></p>
</section>
<?cs if:Fees.ReferralPercent ?><section id="fee-referral">
<h2><?cs var:t.ReferralTitle ?></h2>
<p><?cs var:t.ReferralPrefix ?> <strong id="referral-percent"><?cs var:Fees.ReferralPercent ?>%</strong> <?cs var:t.ReferralSuffix ?><?cs
 if:Fees.ReferralDays > 0 ?> <?cs var:t.ReferralDaysPrefix ?> <strong id="referral-days"><?cs var:Fees.ReferralDays ?></strong> <?cs var:t.ReferralDaysSuffix ?><?cs
 else ?> <?cs var:t.ReferralNoEnd ?><?cs /if ?></p>
<p><?cs var:t.ReferralPaidBy ?></p>
</section>
<?cs /if ?><section id="fee-withdrawal">
<h2><?cs var:t.WithdrawalTitle ?></h2>
<p><?cs var:t.WithdrawalPrefix ?> <strong id="withdrawal-fee"><?cs var:Fees.WithdrawalPercent ?>% + <?cs var:Fees.WithdrawalFixed ?> <?cs var:Site.Currency ?></strong> <?cs var:t.WithdrawalSuffix ?></p>
<p class="example" id="withdrawal-example"><?cs var:t.ExampleWithdrawal ?> <?cs var:Fees.Example ?> <?cs var:Site.Currency ?>: <?cs var:t.ExampleFee ?> <?cs var:Fees.ExampleWithdrawalFee ?> <?cs var:Site.Currency ?>, <?cs var:t.ExampleReceived ?> <?cs var:Fees.ExampleReceived ?> <?cs var:Site.Currency ?>.</p>
<div class="scroll"><table class="list" id="payout-limits">
<thead><tr><th><?cs var:t.Method ?></th><th class="num"><?cs var:t.Min ?></th><th class="num"><?cs var:t.Max ?></th></tr></thead>
<tbody><?cs each:p = PayoutMethods ?><tr><td data-label="<?cs var:t.Method ?>"><?cs var:p.Label ?></td><td data-label="<?cs var:t.Min ?>" class="num"><?cs var:p.Min ?> <?cs var:Site.Currency ?></td><td data-label="<?cs var:t.Max ?>" class="num"><?cs var:p.Max ?> <?cs var:Site.Currency ?></td></tr>
<?cs /each ?></tbody>
</table></div>
</section>
<section id="fee-deposit">
<h2><?cs var:t.DepositTitle ?></h2>
<p><?cs var:t.DepositText ?></p>
<div class="scroll"><table class="list" id="deposit-limits">
<thead><tr><th><?cs var:t.Method ?></th><th class="num"><?cs var:t.Min ?></th></tr></thead>
<tbody><?cs each:d = DepositMethods ?><tr><td data-label="<?cs var:t.Method ?>"><?cs var:d.Label ?></td><td data-label="<?cs var:t.Min ?>" class="num"><?cs var:d.Min ?> <?cs var:Site.Currency ?></td></tr>
<?cs /each ?></tbody>
</table></div>
</section>
<section id="fee-minpay">
<h2><?cs var:t.MinPayTitle ?></h2>
<div class="scroll"><table class="list" id="min-pay">
<thead><tr><th><?cs var:t.JobType ?></th><th class="num"><?cs var:t.MinPay ?></th></tr></thead>
<tbody><?cs each:j = Fees.JobTypes ?><tr><td data-label="<?cs var:t.JobType ?>"><?cs var:j.Label ?></td><td data-label="<?cs var:t.MinPay ?>" class="num"><?cs var:j.MinPay ?> <?cs var:Site.Currency ?></td></tr>
<?cs /each ?></tbody>
</table></div>
</section>
<?cs else ?><?cs each:s = t.Sections ?><section>
<h2><?cs var:s.Title ?></h2>
<?cs each:p = s.Text ?><p><?cs var:p ?></p>
<?cs /each ?><?cs if:subcount(s.Steps) ?><ol><?cs each:p = s.Steps ?><li><?cs var:p ?></li><?cs /each ?></ol><?cs /if ?>
</section>
<?cs /each ?><?cs if:Help.Topic == "post" ?><p id="moderation"><?cs if:Help.Moderation == 1 ?><?cs var:t.ModerationOn ?><?cs else ?><?cs var:t.ModerationOff ?><?cs /if ?></p>
<?cs elif:Help.Topic == "rules" ?><p id="reopen"><?cs if:Help.ReopenRejected == 1 ?><?cs var:t.ReopenOn ?><?cs else ?><?cs var:t.ReopenOff ?><?cs /if ?></p>
<?cs /if ?><?cs /if ?><?cs if:Help.Topic != "index" ?><p class="actions"><a href="<?cs var:Site.Base ?>/help"><?cs var:Lang.Help.AllTopics ?></a></p><?cs /if ?>
</article>
<?cs /with ?><?cs include:"footer.cs" ?>
