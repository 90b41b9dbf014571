<?cs set:Page.Title = Lang.CampaignNew.PreviewTitle ?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<h1><?cs var:Lang.CampaignNew.PreviewTitle ?></h1>
<?cs if:Preview.Failed ?><p class="error" role="alert" id="not-enough"><?cs var:Lang.CampaignNew.NotEnough ?></p>
<?cs /if ?><dl class="facts preview">
 <dt><?cs var:Lang.CampaignNew.Field.Type ?></dt><dd><?cs var:New.Label ?></dd>
 <dt><?cs var:Lang.CampaignNew.Field.Title ?></dt><dd id="p-title"><?cs var:Form.title ?></dd>
 <dt><?cs var:Lang.CampaignNew.Field.Instructions ?></dt><dd id="p-instructions" class="text"><?cs var:Form.instructions ?></dd>
 <dt><?cs var:Lang.CampaignNew.Field.Proof ?></dt><dd id="p-proof" class="text"><?cs var:Form.proof_instructions ?></dd>
<?cs each:v = Preview.Values ?> <dt><?cs var:v.Label ?></dt><dd><?cs var:v.Value ?></dd>
<?cs /each ?> <dt><?cs var:Lang.CampaignNew.Field.Slots ?></dt><dd id="p-slots"><?cs var:Form.slots ?></dd>
 <dt><?cs var:Lang.CampaignNew.Field.Pay ?></dt><dd id="p-pay"><?cs var:Preview.Pay ?> <?cs var:Site.Currency ?></dd>
 <dt><?cs var:Lang.CampaignNew.Field.Countries ?></dt><dd><?cs var:Lang.CampaignNew.Modes[Form.countries_mode] ?><?cs if:Form.countries_mode != "all" ?>: <?cs var:Form.countries ?><?cs /if ?></dd>
 <dt><?cs var:Lang.CampaignNew.Field.Minutes ?></dt><dd><?cs var:Form.minutes ?></dd>
 <dt><?cs var:Lang.CampaignNew.Field.Days ?></dt><dd><?cs var:Form.days ?></dd>
 <dt><?cs var:Lang.CampaignNew.Field.MinSuccess ?></dt><dd><?cs var:Form.min_success ?>%</dd>
 <dt><?cs var:Lang.CampaignNew.Field.Release ?></dt><dd id="p-release"><?cs if:#Form.release_per_hour > 0 ?><?cs var:Form.release_per_hour ?><?cs else ?><?cs var:Lang.Manage.AllAtOnce ?><?cs /if ?></dd>
 <dt><?cs var:Lang.CampaignNew.Field.Screenshot ?></dt><dd><?cs if:Form.screenshot_required ?><?cs var:Lang.CampaignNew.Yes ?><?cs else ?><?cs var:Lang.CampaignNew.No ?><?cs /if ?></dd>
<?cs if:New.Verify ?> <dt><?cs var:Lang.CampaignNew.Field.Verify ?></dt><dd id="p-verify"><?cs alt:Lang.CampaignNew.VerifyModes[Form.verify_mode] ?><?cs var:Lang.CampaignNew.VerifyModes.off ?><?cs /alt ?></dd>
<?cs /if ?></dl>
<?cs if:Preview.Items.Count ?><h2><?cs var:Lang.CampaignNew.ItemsTitle ?></h2>
<p><?cs var:Lang.CampaignNew.ItemsCount ?> <b id="items-count"><?cs var:Preview.Items.Count ?></b></p>
<p><?cs var:Lang.CampaignNew.ItemsFirst ?></p>
<div class="scroll"><table class="grid" id="items-preview">
<thead><tr><th><?cs var:Lang.CampaignNew.ItemsRow ?></th><?cs each:col = Preview.Items.Columns ?><th><?cs var:col ?></th><?cs /each ?></tr></thead>
<tbody><?cs each:r = Preview.Items.Rows ?><tr><td><?cs var:r.No ?></td><?cs each:cell = r.Cells ?><td><?cs var:cell ?></td><?cs /each ?></tr>
<?cs /each ?></tbody></table></div>
<?cs /if ?><h2><?cs var:Lang.CampaignNew.Cost ?></h2>
<dl class="facts cost">
 <dt><?cs var:Lang.CampaignNew.Escrow ?></dt><dd id="escrow"><?cs var:Preview.Escrow ?> <?cs var:Site.Currency ?></dd>
 <dt><?cs var:Lang.CampaignNew.Fee ?></dt><dd id="fee"><?cs var:Preview.Fee ?> <?cs var:Site.Currency ?></dd>
 <dt><?cs var:Lang.CampaignNew.Total ?></dt><dd id="total"><?cs var:Preview.Total ?> <?cs var:Site.Currency ?></dd>
 <dt><?cs var:Lang.CampaignNew.Balance ?></dt><dd id="balance"><?cs var:Preview.Balance ?> <?cs var:Site.Currency ?></dd>
</dl>
<?cs if:Preview.Short ?><p class="warning" id="short"><?cs var:Lang.CampaignNew.Short ?> <?cs var:Preview.Missing ?> <?cs var:Site.Currency ?>. <a href="<?cs var:Site.Base ?>/wallet"><?cs var:Lang.CampaignNew.AddMoney ?></a></p>
<?cs /if ?><form method="post" action="<?cs var:Site.Base ?>/campaigns/create">
<?cs call:csrf() ?>
<input type="hidden" name="type" value="<?cs var:New.Type ?>">
<input type="hidden" name="create_key" value="<?cs var:Preview.Key ?>">
<?cs each:h = Preview.Hidden ?><input type="hidden" name="<?cs var:h.Name ?>" value="<?cs var:h.Value ?>">
<?cs /each ?><p class="hint"><?cs var:Lang.CampaignNew.ConfirmHint ?></p>
<button type="submit"><?cs var:Lang.CampaignNew.Confirm ?></button>
</form>
<p class="actions"><a href="<?cs var:Site.Base ?>/campaigns/new?type=<?cs var:New.Type ?>"><?cs var:Lang.CampaignNew.StartOver ?></a></p>
<?cs include:"footer.cs" ?>
