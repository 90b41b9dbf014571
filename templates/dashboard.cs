<?cs set:Page.Title = Lang.Dash.Title ?><?cs include:"header.cs" ?>
<h1><?cs var:Lang.Dash.Title ?></h1>
<?cs if:subcount(Dash.Steps) > 0 ?><section id="next-steps" class="dash">
<h2><?cs var:Lang.Dash.Steps ?></h2>
<ol class="steps">
<?cs each:s = Dash.Steps ?><?cs
if:s.Key == "help" ?><li><a href="<?cs var:Site.Base ?>/help/work"><?cs var:Lang.Dash.Step.help ?></a></li><?cs
elif:s.Key == "board" ?><li><a href="<?cs var:Site.Base ?>/"><?cs var:Lang.Dash.Step.board ?></a></li><?cs
else ?><li><a href="<?cs var:Site.Base ?>/settings"><?cs var:Lang.Dash.Step[s.Key] ?></a></li><?cs
/if ?>
<?cs /each ?></ol>
</section>
<?cs /if ?><section id="worker" class="dash">
<h2><?cs var:Lang.Dash.Worker ?></h2>
<dl class="facts">
 <dt><?cs var:Lang.Dash.Available ?></dt><dd id="available"><?cs var:Dash.Available ?> <?cs var:Site.Currency ?></dd>
 <dt><?cs var:Lang.Dash.Held ?></dt><dd id="held"><?cs var:Dash.Held ?> <?cs var:Site.Currency ?></dd>
 <dt><?cs var:Lang.Dash.PendingPay ?></dt><dd id="pending-pay"><?cs var:Dash.PendingPay ?> <?cs var:Site.Currency ?></dd>
 <dt><?cs var:Lang.Tasks.Success ?></dt><dd id="success"><?cs if:Dash.Record.Rated > 0 ?><?cs var:Dash.Record.Rate ?>% (<?cs var:Dash.Record.Satisfied ?> <?cs var:Lang.Tasks.Of ?> <?cs var:Dash.Record.Rated ?>)<?cs else ?><?cs var:Lang.Tasks.NotRated ?><?cs /if ?></dd>
 <dt><?cs var:Lang.Tasks.Level ?></dt><dd id="level"><?cs var:Lang.Tasks.Level ?> <?cs var:Dash.Level.Number ?>: <?cs alt:Lang.Level[Dash.Record.Level] ?><?cs var:Dash.Record.Level ?><?cs /alt ?></dd>
</dl>
<p class="hint" id="next-level"><?cs alt:Dash.Level.Next ?><?cs var:Lang.Dash.TopLevel ?><?cs /alt ?></p>
<h3><?cs var:Lang.Dash.Tasks ?></h3>
<ul class="states" id="states">
<?cs each:s = Dash.States ?><li class="<?cs var:s.Name ?>"><a href="<?cs var:Site.Base ?>/tasks?state=<?cs var:s.Name ?>"><span class="n" id="state-<?cs var:s.Name ?>"><?cs var:s.Count ?></span> <?cs var:Lang.Dash.State[s.Name] ?></a></li>
<?cs /each ?></ul>
<h3 id="earnings-head"><?cs var:Lang.Dash.Earnings ?></h3>
<figure class="chart">
<svg id="earnings" viewBox="0 0 <?cs var:Dash.Chart.Width ?> <?cs var:Dash.Chart.ViewHeight ?>" preserveAspectRatio="none" role="img" aria-labelledby="earnings-title earnings-desc" focusable="false">
<title id="earnings-title"><?cs var:Lang.Dash.ChartTitle ?></title>
<desc id="earnings-desc"><?cs var:Dash.Chart.From ?> - <?cs var:Dash.Chart.To ?>. <?cs var:Lang.Dash.Total ?>: <?cs var:Dash.Chart.Total ?> <?cs var:Site.Currency ?>. <?cs var:Lang.Dash.Best ?>: <?cs var:Dash.Chart.Max ?> <?cs var:Site.Currency ?>.</desc>
<?cs each:b = Dash.Chart.Bars ?><?cs if:b.H > 0 ?><rect class="bar" id="bar-<?cs var:b.Day ?>" x="<?cs var:b.X ?>" y="<?cs var:b.Y ?>" width="<?cs var:Dash.Chart.BarWidth ?>" height="<?cs var:b.H ?>"><title><?cs var:b.Day ?>: <?cs var:b.Amount ?> <?cs var:Site.Currency ?></title></rect>
<?cs /if ?><?cs /each ?><line class="axis" x1="0" y1="<?cs var:Dash.Chart.Height ?>" x2="<?cs var:Dash.Chart.Width ?>" y2="<?cs var:Dash.Chart.Height ?>"/>
</svg>
<figcaption><span><?cs var:Dash.Chart.From ?></span> <span><?cs var:Lang.Dash.Total ?>: <strong id="earned-total"><?cs var:Dash.Chart.Total ?> <?cs var:Site.Currency ?></strong></span> <span><?cs var:Dash.Chart.To ?></span></figcaption>
</figure>
<details class="numbers"><summary><?cs var:Lang.Dash.ByDay ?></summary>
<?cs if:!Dash.Chart.Earned ?><p class="empty"><?cs var:Lang.Dash.NoEarnings ?></p><?cs else ?><table class="list" id="earned-days"><thead><tr><th><?cs var:Lang.Dash.Day ?></th><th class="num"><?cs var:Lang.Dash.Earned ?></th></tr></thead>
<tbody>
<?cs each:b = Dash.Chart.Bars ?><?cs if:b.Earned ?><tr><td data-label="<?cs var:Lang.Dash.Day ?>"><?cs var:b.Day ?></td><td data-label="<?cs var:Lang.Dash.Earned ?>" class="num"><?cs var:b.Amount ?> <?cs var:Site.Currency ?></td></tr>
<?cs /if ?><?cs /each ?></tbody></table><?cs /if ?>
</details>
</section>
<?cs if:Site.Referrals ?><section id="referrals" class="dash">
<h2><?cs var:Lang.Dash.Referrals ?></h2>
<dl class="facts">
 <dt><?cs var:Lang.Dash.Referred ?></dt><dd id="referred"><?cs var:Dash.Referred ?></dd>
 <dt><?cs var:Lang.Dash.ReferralEarned ?></dt><dd id="referral-earned"><?cs var:Dash.ReferralEarned ?> <?cs var:Site.Currency ?></dd>
</dl>
<p class="actions"><a href="<?cs var:Site.Base ?>/referrals"><?cs var:Lang.Dash.InviteLink ?></a></p>
</section>
<?cs /if ?><?cs if:Dash.Employer ?><section id="employer" class="dash">
<h2><?cs var:Lang.Dash.Employer ?></h2>
<dl class="facts">
 <dt><?cs var:Lang.Dash.Escrow ?></dt><dd id="escrow"><?cs var:Dash.Escrow ?> <?cs var:Site.Currency ?></dd>
 <dt><?cs var:Lang.Dash.Waiting ?></dt><dd id="waiting"><?cs var:Dash.Waiting ?></dd>
 <dt><?cs var:Lang.Dash.RateTime ?></dt><dd id="rate-time"><?cs if:Dash.RateTime.Value ?><?cs var:Dash.RateTime.Value ?> <?cs var:Lang.Duration[Dash.RateTime.Unit] ?><?cs else ?><?cs var:Lang.Dash.NothingRated ?><?cs /if ?></dd>
<?cs if:Dash.Oldest ?> <dt><?cs var:Lang.Dash.Oldest ?></dt><dd id="oldest"><?cs var:Dash.Oldest ?></dd>
<?cs /if ?></dl>
<h3><?cs var:Lang.Dash.Campaigns ?></h3>
<?cs if:subcount(Dash.Campaigns) == 0 ?><p class="empty"><?cs var:Lang.Dash.NoCampaigns ?> <a href="<?cs var:Site.Base ?>/campaigns/new"><?cs var:Lang.Nav.PostJob ?></a></p>
<?cs else ?><ul class="queue campaigns" id="campaigns">
<?cs each:k = Dash.Campaigns ?><li id="campaign-<?cs var:k.Id ?>">
 <a class="title" href="<?cs var:Site.Base ?>/campaigns/<?cs var:k.Id ?>"><?cs var:k.Title ?></a>
 <span class="state"><?cs alt:Lang.Manage.States[k.State] ?><?cs var:k.State ?><?cs /alt ?></span>
 <svg class="progress" viewBox="0 0 100 10" preserveAspectRatio="none" role="img" aria-label="<?cs var:k.Progress ?>" focusable="false"><rect class="track" x="0" y="0" width="100" height="10"/><rect class="done" x="0" y="0" width="<?cs var:k.DonePct ?>" height="10"/><rect class="waiting" x="<?cs var:k.DonePct ?>" y="0" width="<?cs var:k.WaitPct ?>" height="10"/></svg>
 <p class="progress-text"><?cs var:k.Progress ?><?cs if:k.Waiting > 0 ?> <a href="<?cs var:Site.Base ?>/campaigns/<?cs var:k.Id ?>#pending"><?cs var:Lang.Dash.RateThem ?></a><?cs /if ?></p>
</li>
<?cs /each ?></ul>
<?cs if:Dash.MoreCampaigns ?><p class="actions"><a href="<?cs var:Site.Base ?>/campaigns"><?cs var:Lang.Dash.AllCampaigns ?></a></p><?cs /if ?>
<?cs /if ?></section>
<?cs /if ?><?cs include:"footer.cs" ?>
