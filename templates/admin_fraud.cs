<?cs def:user(id, name) ?><a class="user" href="<?cs var:Site.Base ?>/admin/users/<?cs var:id ?>"><?cs var:name ?></a><?cs /def ?><?cs
def:task(task, campaign, title, shot) ?><a class="task" href="<?cs var:Site.Base ?>/admin/campaigns/<?cs var:campaign ?>#task-<?cs var:task ?>"><?cs var:Lang.AdminFraud.Task ?> #<?cs var:task ?><?cs if:title ?>, <?cs var:title ?><?cs /if ?></a><?cs if:shot ?> <a class="shot" href="<?cs var:Site.Base ?>/screenshots/<?cs var:task ?>"><?cs var:Lang.AdminFraud.Screenshot ?></a><?cs /if ?><?cs /def ?><?cs
set:Page.Title = Lang.AdminFraud.Title ?><?cs include:"header.cs" ?>
<h1><?cs var:Lang.AdminFraud.Title ?></h1>
<p><?cs var:Lang.AdminFraud.Intro ?></p>
<?cs if:Fraud.Section ?><p class="actions"><a id="fraud-all" href="<?cs var:Site.Base ?>/admin/fraud#<?cs var:Fraud.Section ?>"><?cs var:Lang.AdminFraud.All ?></a></p>
<?cs else ?><ul class="states" id="fraud-sections">
<?cs each:s = Fraud.Sections ?><li><a href="#<?cs var:s.Name ?>"><span class="n"><?cs var:subcount(s.Rows) ?><?cs if:s.More ?>+<?cs /if ?></span> <?cs var:Lang.AdminFraud.Section[s.Name] ?></a></li>
<?cs /each ?></ul>
<?cs /if ?><?cs each:s = Fraud.Sections ?><section id="<?cs var:s.Name ?>">
<h2><?cs var:Lang.AdminFraud.Section[s.Name] ?></h2>
<p><?cs var:Lang.AdminFraud.About[s.Name] ?></p>
<?cs if:subcount(s.Rows) == 0 ?><p class="empty"><?cs var:Lang.AdminFraud.None ?></p>
<?cs else ?><div class="scroll"><table class="list fraud">
<thead><tr><th><?cs var:Lang.AdminFraud.When ?></th><th><?cs var:Lang.AdminFraud.Who ?></th><th><?cs var:Lang.AdminFraud.What ?></th></tr></thead>
<tbody>
<?cs each:r = s.Rows ?><tr id="<?cs if:s.Name == "own" ?>flag<?cs else ?><?cs var:s.Name ?><?cs /if ?>-<?cs var:r.Id ?>"><td data-label="<?cs var:Lang.AdminFraud.When ?>" class="when"><?cs var:r.When ?></td><td data-label="<?cs var:Lang.AdminFraud.Who ?>" class="who"><?cs var:Lang.AdminFraud.Role[s.Name].User ?>: <?cs call:user(r.UserId, r.User) ?><?cs if:r.OtherId ?><br><?cs var:Lang.AdminFraud.Role[s.Name].Other ?>: <?cs call:user(r.OtherId, r.Other) ?><?cs /if ?></td><td data-label="<?cs var:Lang.AdminFraud.What ?>" class="what"><?cs if:r.Ip ?><code><?cs var:r.Ip ?></code><?cs /if ?><?cs if:r.Detail ?><span class="account"><?cs var:r.Detail ?></span><?cs /if ?><?cs if:r.Task ?><?cs if:r.Ip ?><br><?cs /if ?><?cs call:task(r.Task, r.Campaign, r.Title, r.Shot) ?><?cs /if ?><?cs if:r.OtherTask ?><br><?cs var:Lang.AdminFraud.SentFirst ?>: <?cs call:task(r.OtherTask, r.OtherCampaign, "", r.OtherShot) ?><?cs /if ?><?cs if:?r.Seconds ?><br><span class="seconds"><?cs var:r.Seconds ?> <?cs var:Lang.AdminFraud.Seconds ?></span><?cs /if ?></td></tr>
<?cs /each ?></tbody>
</table></div>
<?cs /if ?><?cs if:s.More ?><p class="pager"><?cs if:Fraud.Section ?><a id="fraud-older" href="<?cs var:Site.Base ?>/admin/fraud?section=<?cs var:s.Name ?>&amp;before=<?cs var:s.More ?>"><?cs var:Lang.AdminFraud.Older ?></a><?cs else ?><a id="more-<?cs var:s.Name ?>" href="<?cs var:Site.Base ?>/admin/fraud?section=<?cs var:s.Name ?>"><?cs var:Lang.AdminFraud.More ?></a><?cs /if ?></p><?cs /if ?>
</section>
<?cs /each ?><?cs include:"footer.cs" ?>
