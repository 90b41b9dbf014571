<?cs set:Page.Title = Campaign.Title ?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<h1><?cs var:Campaign.Title ?></h1>
<p class="actions"><a href="<?cs var:Site.Base ?>/admin/campaigns?search=1"><?cs var:Lang.AdminCampaign.Back ?></a> <a href="<?cs var:Site.Base ?>/jobs/<?cs var:Campaign.Id ?>"><?cs var:Lang.AdminCampaign.JobPage ?></a></p>
<dl class="facts" id="campaign-facts">
 <dt><?cs var:Lang.AdminCampaign.Id ?></dt><dd>#<?cs var:Campaign.Id ?></dd>
 <dt><?cs var:Lang.AdminCampaign.Owner ?></dt><dd><a id="owner" href="<?cs var:Site.Base ?>/admin/users/<?cs var:Campaign.OwnerId ?>"><?cs var:Campaign.Owner ?></a></dd>
 <dt><?cs var:Lang.AdminCampaign.Type ?></dt><dd><?cs var:Campaign.JobType ?></dd>
 <dt><?cs var:Lang.AdminCampaign.State ?></dt><dd id="state" class="<?cs var:Campaign.State ?>"><?cs alt:Lang.Manage.States[Campaign.State] ?><?cs var:Campaign.State ?><?cs /alt ?><?cs if:Campaign.RejectReason ?> (<?cs var:Campaign.RejectReason ?>)<?cs /if ?></dd>
 <dt><?cs var:Lang.AdminCampaign.Pay ?></dt><dd><?cs var:Campaign.Pay ?> <?cs var:Site.Currency ?></dd>
 <dt><?cs var:Lang.AdminCampaign.Slots ?></dt><dd><?cs var:Campaign.Done ?> <?cs var:Lang.Manage.Of ?> <?cs var:Campaign.Total ?> (<?cs var:Lang.Manage.Taken ?> <?cs var:Campaign.Taken ?>)</dd>
 <dt><?cs var:Lang.AdminCampaign.Escrow ?></dt><dd id="escrow"><?cs var:Campaign.Escrow ?> <?cs var:Site.Currency ?></dd>
 <dt><?cs var:Lang.AdminCampaign.Times ?></dt><dd><?cs var:Campaign.Minutes ?> <?cs var:Lang.Manage.Minutes ?>; <?cs var:Lang.Manage.DaysToRate ?> <?cs var:Campaign.Days ?></dd>
 <dt><?cs var:Lang.AdminCampaign.Created ?></dt><dd><?cs var:Campaign.When ?></dd>
</dl>
<?cs if:Campaign.Stoppable ?><form method="post" action="<?cs var:Site.Base ?>/admin/campaigns/stop" id="stop" novalidate>
<h2><?cs var:Lang.AdminCampaign.StopTitle ?></h2>
<p class="hint"><?cs var:Lang.AdminCampaign.StopText ?></p>
<?cs call:csrf() ?><input type="hidden" name="id" value="<?cs var:Campaign.Id ?>">
<?cs call:input("reason", "text", Lang.AdminCampaign.Reason, Form.reason, "off", "") ?>
<button type="submit" class="reject"><?cs var:Lang.AdminCampaign.Stop ?></button>
</form>
<?cs /if ?><section id="submissions">
<h2><?cs var:Lang.AdminCampaign.Submissions ?></h2>
<?cs if:subcount(Tasks) == 0 ?><p class="empty" id="tasks-none"><?cs var:Lang.AdminCampaign.NoTasks ?></p>
<?cs else ?><ul class="queue">
<?cs each:t = Tasks ?> <li class="submission" id="task-<?cs var:t.Id ?>">
  <h3><?cs var:Lang.Manage.Task ?> #<?cs var:t.Id ?></h3>
  <dl class="facts">
   <dt><?cs var:Lang.AdminCampaign.Worker ?></dt><dd><a href="<?cs var:Site.Base ?>/admin/users/<?cs var:t.WorkerId ?>"><?cs var:t.Worker ?></a></dd>
   <dt><?cs var:Lang.AdminCampaign.State ?></dt><dd class="task-state <?cs var:t.State ?>"><?cs alt:Lang.AdminCampaign.TaskStates[t.State] ?><?cs var:t.State ?><?cs /alt ?><?cs if:t.ByClock == "1" ?> (<?cs var:Lang.AdminCampaign.ByClock ?>)<?cs /if ?><?cs if:t.Dispute ?>; <?cs var:Lang.AdminCampaign.Dispute ?> <?cs alt:Lang.AdminCampaign.DisputeStates[t.Dispute] ?><?cs var:t.Dispute ?><?cs /alt ?><?cs /if ?></dd>
<?cs if:t.Reason ?>   <dt><?cs var:Lang.AdminCampaign.RateReason ?></dt><dd class="reason"><?cs var:t.Reason ?></dd>
<?cs /if ?><?cs if:t.Bonus ?>   <dt><?cs var:Lang.Manage.BonusPaid ?></dt><dd><?cs var:t.Bonus ?> <?cs var:Site.Currency ?></dd>
<?cs /if ?><?cs each:p = t.Proof ?>   <dt><?cs var:p.Label ?></dt><dd class="proof"><?cs var:p.Value ?></dd>
<?cs /each ?><?cs if:t.Shot == "1" ?>   <dt><?cs var:Lang.Manage.Screenshot ?></dt><dd><a href="<?cs var:Site.Base ?>/screenshots/<?cs var:t.Id ?>" target="_blank" rel="noopener"><?cs var:Lang.AdminCampaign.OpenShot ?></a></dd>
<?cs /if ?>   <dt><?cs var:Lang.AdminCampaign.Times ?></dt><dd><?cs var:Lang.AdminCampaign.Claimed ?> <?cs var:t.Claimed ?><?cs if:t.Submitted ?>; <?cs var:Lang.AdminCampaign.Submitted ?> <?cs var:t.Submitted ?><?cs /if ?><?cs if:t.Revisions > 0 ?> (<?cs var:Lang.Manage.Revised ?>)<?cs /if ?><?cs if:t.Rated ?>; <?cs var:Lang.AdminCampaign.Rated ?> <?cs var:t.Rated ?><?cs /if ?></dd>
  </dl>
<?cs if:t.DuplicateOf ?>  <p class="duplicate"><?cs var:Lang.Manage.SameProofAs ?> #<?cs var:t.DuplicateOf ?></p>
<?cs /if ?> </li>
<?cs /each ?></ul>
<?cs if:TasksOlder ?><p class="pager"><a id="tasks-older" href="<?cs var:Site.Base ?>/admin/campaigns/<?cs var:Campaign.Id ?>?before=<?cs var:TasksOlder ?>#submissions"><?cs var:Lang.AdminCampaign.Older ?></a></p><?cs /if ?>
<?cs /if ?></section>
<?cs include:"footer.cs" ?>
