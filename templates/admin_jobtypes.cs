<?cs set:Page.Title = Lang.AdminJobTypes.Title ?><?cs include:"header.cs" ?>
<h1><?cs var:Lang.AdminJobTypes.Title ?></h1>
<p><?cs var:Lang.AdminJobTypes.Intro ?> <code><?cs var:Plugins.Dir ?></code></p>
<section id="loaded">
<h2><?cs var:Lang.AdminJobTypes.Loaded ?></h2>
<?cs if:subcount(JobTypes) == 0 ?><p class="empty"><?cs var:Lang.AdminJobTypes.NoneLoaded ?></p><?cs /if ?>
<?cs each:t = JobTypes ?><dl class="facts" id="type-<?cs var:t.Name ?>">
 <dt><?cs var:Lang.AdminJobTypes.Name ?></dt><dd><b><?cs var:t.Name ?></b></dd>
 <dt><?cs var:Lang.AdminJobTypes.Label ?></dt><dd><?cs var:t.Label ?></dd>
 <dt><?cs var:Lang.AdminJobTypes.Category ?></dt><dd><?cs alt:Lang.Category[t.Category] ?><?cs var:t.Category ?><?cs /alt ?></dd>
 <dt><?cs var:Lang.AdminJobTypes.MinPay ?></dt><dd class="minpay"><?cs var:t.MinPay ?> <?cs var:Site.Currency ?></dd>
 <dt><?cs var:Lang.AdminJobTypes.File ?></dt><dd><code><?cs var:t.Path ?></code></dd>
</dl>
<?cs /each ?></section>
<section id="refused">
<h2><?cs var:Lang.AdminJobTypes.Refused ?></h2>
<?cs if:subcount(Refused) == 0 ?><p class="empty"><?cs var:Lang.AdminJobTypes.NoneRefused ?></p>
<?cs else ?><p><?cs var:Lang.AdminJobTypes.RefusedIntro ?></p><?cs /if ?>
<?cs each:r = Refused ?><dl class="facts refused">
 <dt><?cs var:Lang.AdminJobTypes.File ?></dt><dd><code><?cs var:r.Path ?></code></dd>
 <dt><?cs var:Lang.AdminJobTypes.Reason ?></dt><dd class="reason"><?cs var:r.Reason ?></dd>
</dl>
<?cs /each ?></section>
<?cs include:"footer.cs" ?>
