<?cs def:bar_value(ch, v) ?><?cs var:v ?><?cs if:ch.Money ?> <?cs var:Site.Currency ?><?cs /if ?><?cs /def ?><?cs
def:rate(r) ?><?cs if:?r ?><?cs var:r ?>%<?cs else ?><?cs var:Lang.Admin.NothingRated ?><?cs /if ?><?cs /def ?><?cs
def:chart(ch, span, head, unit) ?><figure class="chart" id="chart-<?cs var:span ?>-<?cs var:ch.Key ?>">
<h3 class="chart-head"><?cs var:Lang.Admin.Chart[ch.Key] ?></h3>
<svg viewBox="0 0 <?cs var:ch.Width ?> <?cs var:ch.ViewHeight ?>" preserveAspectRatio="none" role="img" aria-labelledby="<?cs var:span ?>-<?cs var:ch.Key ?>-title <?cs var:span ?>-<?cs var:ch.Key ?>-desc" focusable="false">
<title id="<?cs var:span ?>-<?cs var:ch.Key ?>-title"><?cs var:Lang.Admin.Chart[ch.Key] ?>, <?cs var:head ?></title>
<desc id="<?cs var:span ?>-<?cs var:ch.Key ?>-desc"><?cs var:ch.From ?> - <?cs var:ch.To ?>. <?cs var:Lang.Admin.Total ?>: <?cs call:bar_value(ch, ch.Total) ?>. <?cs var:Lang.Admin.Best ?>: <?cs call:bar_value(ch, ch.Max) ?>.</desc>
<?cs each:b = ch.Bars ?><?cs if:b.H > 0 ?><rect class="bar" id="<?cs var:span ?>-<?cs var:ch.Key ?>-<?cs var:b.Label ?>" x="<?cs var:b.X ?>" y="<?cs var:b.Y ?>" width="<?cs var:ch.BarWidth ?>" height="<?cs var:b.H ?>"><title><?cs var:b.Label ?>: <?cs call:bar_value(ch, b.Value) ?></title></rect>
<?cs /if ?><?cs /each ?><line class="axis" x1="0" y1="<?cs var:ch.Height ?>" x2="<?cs var:ch.Width ?>" y2="<?cs var:ch.Height ?>"/>
</svg>
<figcaption><span><?cs var:ch.From ?></span> <span><?cs var:Lang.Admin.Total ?>: <strong class="total"><?cs call:bar_value(ch, ch.Total) ?></strong></span> <span><?cs var:ch.To ?></span></figcaption>
<details class="numbers"><summary><?cs var:Lang.Admin.Numbers ?></summary>
<?cs if:!ch.Any ?><p class="empty"><?cs var:Lang.Admin.Nothing ?></p><?cs else ?><table class="list"><thead><tr><th><?cs var:unit ?></th><th class="num"><?cs var:Lang.Admin.Chart[ch.Key] ?></th></tr></thead>
<tbody>
<?cs each:b = ch.Bars ?><?cs if:b.Shown ?><tr><td data-label="<?cs var:unit ?>"><?cs var:b.Label ?></td><td data-label="<?cs var:Lang.Admin.Chart[ch.Key] ?>" class="num"><?cs call:bar_value(ch, b.Value) ?></td></tr>
<?cs /if ?><?cs /each ?></tbody></table><?cs /if ?>
</details>
</figure>
<?cs /def ?><?cs set:Page.Title = Lang.Admin.Title ?><?cs include:"header.cs" ?>
<h1><?cs var:Lang.Admin.Title ?></h1>
<section id="queues" class="dash">
<h2><?cs var:Lang.Admin.Queues ?></h2>
<ul class="states admin-pages" id="admin-pages">
<li><a href="<?cs var:Site.Base ?>/admin/deposits"><span class="n" id="queue-deposits"><?cs var:Admin.Queues.deposits ?></span> <?cs var:Lang.Admin.Queue.deposits ?></a></li>
<li><a href="<?cs var:Site.Base ?>/admin/withdrawals"><span class="n" id="queue-withdrawals"><?cs var:Admin.Queues.withdrawals ?></span> <span><?cs var:Lang.Admin.Queue.withdrawals ?><?cs if:Admin.PayoutAge.Value ?> <span class="age" id="payout-age"><?cs var:Lang.Admin.Oldest ?> <?cs var:Admin.PayoutAge.Value ?> <?cs var:Lang.Duration[Admin.PayoutAge.Unit] ?></span><?cs /if ?></span></a></li>
<li><a href="<?cs var:Site.Base ?>/admin/disputes"><span class="n" id="queue-disputes"><?cs var:Admin.Queues.disputes ?></span> <?cs var:Lang.Admin.Queue.disputes ?></a></li>
<li><a href="<?cs var:Site.Base ?>/admin/campaigns"><span class="n" id="queue-campaigns"><?cs var:Admin.Queues.campaigns ?></span> <?cs var:Lang.Admin.Queue.campaigns ?></a></li>
<li id="flags"><a href="<?cs var:Site.Base ?>/admin/flags"><span class="n" id="queue-flags"><?cs var:Admin.Queues.flags ?></span> <?cs var:Lang.Admin.Flags ?> <?cs var:Lang.Admin.FlagsRecent ?></a></li>
<li><a href="<?cs var:Site.Base ?>/admin/mail"><?cs var:Lang.Nav.AdminMail ?></a></li>
<li><a href="<?cs var:Site.Base ?>/admin/audit"><?cs var:Lang.Nav.AdminAudit ?></a></li>
<li><a href="<?cs var:Site.Base ?>/admin/users"><?cs var:Lang.Nav.AdminUsers ?></a></li>
<li><a href="<?cs var:Site.Base ?>/admin/fraud"><?cs var:Lang.Nav.AdminFraud ?></a></li>
</ul>
</section>
<section id="money" class="dash">
<h2><?cs var:Lang.Admin.Money ?></h2>
<dl class="facts">
 <dt><?cs var:Lang.Admin.Escrow ?></dt><dd id="now-escrow"><?cs var:Admin.Now.Escrow ?> <?cs var:Site.Currency ?></dd>
 <dt><?cs var:Lang.Admin.Owed ?></dt><dd id="now-owed"><?cs var:Admin.Now.Owed ?> <?cs var:Site.Currency ?></dd>
 <dt><?cs var:Lang.Admin.Revenue ?></dt><dd id="now-revenue"><?cs var:Admin.Now.Revenue ?> <?cs var:Site.Currency ?></dd>
</dl>
</section>
<section id="figures" class="dash">
<h2><?cs var:Lang.Admin.Activity ?></h2>
<div class="scroll"><table class="list figures">
<thead><tr><th></th><th class="num"><?cs var:Lang.Admin.Period.today ?></th><th class="num"><?cs var:Lang.Admin.Period.week ?></th><th class="num"><?cs var:Lang.Admin.Period.month ?></th></tr></thead>
<tbody>
<?cs each:f = Admin.Figures ?><tr id="figure-<?cs var:f.Key ?>"><th scope="row"><?cs var:Lang.Admin.Figure[f.Key] ?></th><td data-label="<?cs var:Lang.Admin.Period.today ?>" class="num" id="<?cs var:f.Key ?>-today"><?cs call:bar_value(f, f.Today) ?></td><td data-label="<?cs var:Lang.Admin.Period.week ?>" class="num" id="<?cs var:f.Key ?>-week"><?cs call:bar_value(f, f.Week) ?></td><td data-label="<?cs var:Lang.Admin.Period.month ?>" class="num" id="<?cs var:f.Key ?>-month"><?cs call:bar_value(f, f.Month) ?></td></tr>
<?cs /each ?><tr id="figure-rate"><th scope="row"><?cs var:Lang.Admin.Figure.rate ?></th><td data-label="<?cs var:Lang.Admin.Period.today ?>" class="num" id="rate-today"><?cs call:rate(Admin.Rate.Today) ?></td><td data-label="<?cs var:Lang.Admin.Period.week ?>" class="num" id="rate-week"><?cs call:rate(Admin.Rate.Week) ?></td><td data-label="<?cs var:Lang.Admin.Period.month ?>" class="num" id="rate-month"><?cs call:rate(Admin.Rate.Month) ?></td></tr>
</tbody></table></div>
</section>
<section id="recent" class="dash charts">
<h2><?cs var:Lang.Admin.Recent ?></h2>
<?cs each:ch = Admin.Recent ?><?cs call:chart(ch, "recent", Lang.Admin.Recent, Lang.Admin.Day) ?><?cs /each ?>
</section>
<section id="year" class="dash charts">
<h2><?cs var:Lang.Admin.Year ?></h2>
<?cs each:ch = Admin.Year ?><?cs call:chart(ch, "year", Lang.Admin.Year, Lang.Admin.WeekOf) ?><?cs /each ?>
</section>
<section id="site" class="dash">
<h2><?cs var:Lang.Admin.Site ?></h2>
<dl class="facts">
 <dt><?cs var:Lang.Admin.SchemaVersion ?></dt><dd id="schema-version"><?cs var:Admin.SchemaVersion ?></dd>
 <dt><?cs var:Lang.Admin.DbVersion ?></dt><dd><?cs var:Admin.DbVersion ?></dd>
 <dt><?cs var:Lang.Admin.Plugins ?></dt><dd id="plugin-count"><?cs var:Admin.PluginCount ?></dd>
</dl>
<p id="jobtypes-link" class="actions"><a href="<?cs var:Site.Base ?>/admin/jobtypes"><?cs var:Lang.AdminJobTypes.Link ?></a></p>
<p><?cs var:Lang.Admin.PluginDir ?> <code><?cs var:Admin.PluginDir ?></code></p>
<ul class="plugins"><?cs each:p = Admin.Plugins ?><li><b><?cs var:p.Name ?></b> <code><?cs var:p.Path ?></code></li><?cs /each ?></ul>
</section>
<?cs include:"footer.cs" ?>
