<?cs set:Page.Title = Lang.AdminCampaigns.Title ?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<h1><?cs var:Lang.AdminCampaigns.Title ?></h1>
<p><?cs var:Lang.AdminCampaigns.Intro ?></p>
<?cs if:subcount(Pending) == 0 ?><p class="empty"><?cs var:Lang.AdminCampaigns.NonePending ?></p>
<?cs /if ?><?cs each:p = Pending ?><section class="pending-campaign" id="campaign-<?cs var:p.Id ?>">
<h2><?cs var:p.Title ?></h2>
<dl class="facts">
 <dt><?cs var:Lang.AdminCampaigns.Owner ?></dt><dd><?cs var:p.User ?></dd>
 <dt><?cs var:Lang.AdminCampaigns.Type ?></dt><dd><?cs var:p.Type ?></dd>
 <dt><?cs var:Lang.AdminCampaigns.Slots ?></dt><dd><?cs var:p.Slots ?> &times; <?cs var:p.Pay ?> = <?cs var:p.Escrow ?> <?cs var:Site.Currency ?></dd>
 <dt><?cs var:Lang.AdminCampaigns.Countries ?></dt><dd><?cs var:Lang.CampaignNew.Modes[p.CountriesMode] ?><?cs if:p.Countries ?>: <?cs var:p.Countries ?><?cs /if ?></dd>
 <dt><?cs var:Lang.AdminCampaigns.Instructions ?></dt><dd class="text"><?cs var:p.Instructions ?></dd>
 <dt><?cs var:Lang.AdminCampaigns.Proof ?></dt><dd class="text"><?cs var:p.Proof ?></dd>
<?cs each:f = p.Fields ?> <dt><?cs var:f.Name ?></dt><dd><?cs var:f.Value ?></dd>
<?cs /each ?> <dt><?cs var:Lang.AdminCampaigns.When ?></dt><dd><?cs var:p.When ?></dd>
</dl>
<form class="inline" method="post" action="<?cs var:Site.Base ?>/admin/campaigns/approve">
<?cs call:csrf() ?><input type="hidden" name="id" value="<?cs var:p.Id ?>">
<button type="submit"><?cs var:Lang.AdminCampaigns.Approve ?></button>
</form>
<form method="post" action="<?cs var:Site.Base ?>/admin/campaigns/reject" novalidate>
<?cs call:csrf() ?><input type="hidden" name="id" value="<?cs var:p.Id ?>">
<?cs if:AdminForm.Id == p.Id ?><?cs call:input_in("r" + p.Id, "reason", "text", Lang.AdminCampaigns.Reason, Form.reason, Form.Errors.reason, "") ?><?cs else ?><?cs call:input_in("r" + p.Id, "reason", "text", Lang.AdminCampaigns.Reason, "", "", "") ?><?cs /if ?>
<button type="submit"><?cs var:Lang.AdminCampaigns.Reject ?></button>
</form>
</section>
<?cs /each ?><?cs if:PendingMore ?><p class="more"><?cs var:Lang.AdminCampaigns.More ?></p>
<?cs /if ?>
<?cs include:"footer.cs" ?>
