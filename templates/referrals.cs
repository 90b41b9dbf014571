<?cs set:Page.Title = Lang.Referrals.Title ?><?cs include:"header.cs" ?>
<h1><?cs var:Lang.Referrals.Title ?></h1>
<section id="referral-link">
<div class="field">
 <label for="ref-link"><?cs var:Lang.Referrals.LinkLabel ?></label>
 <input type="url" id="ref-link" name="ref_link" value="<?cs var:Referrals.Link ?>" readonly>
</div>
<p class="hint"><?cs var:Lang.Referrals.LinkHint ?></p>
<p id="referral-share"><?cs var:Lang.Referrals.SharePrefix ?> <strong id="share-percent"><?cs var:Referrals.Percent ?>%</strong> <?cs var:Lang.Referrals.ShareSuffix ?><?cs
 if:Referrals.Days > 0 ?> <?cs var:Lang.Referrals.DaysPrefix ?> <strong id="share-days"><?cs var:Referrals.Days ?></strong> <?cs var:Lang.Referrals.DaysSuffix ?><?cs
 else ?> <?cs var:Lang.Referrals.NoEnd ?><?cs /if ?></p>
<p><?cs var:Lang.Referrals.PaidBy ?></p>
</section>
<section id="referred">
<h2><?cs var:Lang.Referrals.Referred ?></h2>
<dl class="facts">
 <dt><?cs var:Lang.Referrals.Count ?></dt><dd id="referred-count"><?cs var:Referrals.Count ?></dd>
 <dt><?cs var:Lang.Referrals.Total ?></dt><dd id="referred-total"><?cs var:Referrals.Total ?> <?cs var:Site.Currency ?></dd>
</dl>
<?cs if:subcount(Referrals.Users) == 0 ?><p class="empty" id="referred-none"><?cs var:Lang.Referrals.None ?></p>
<?cs else ?><div class="scroll"><table class="list" id="referred-users">
<thead><tr><th><?cs var:Lang.Referrals.User ?></th><th><?cs var:Lang.Referrals.Joined ?></th><th class="num"><?cs var:Lang.Referrals.Approved ?></th><th class="num"><?cs var:Lang.Referrals.Earned ?></th></tr></thead>
<tbody>
<?cs each:u = Referrals.Users ?><tr><td data-label="<?cs var:Lang.Referrals.User ?>"><?cs var:u.Name ?></td><td data-label="<?cs var:Lang.Referrals.Joined ?>"><?cs var:u.Joined ?></td><td data-label="<?cs var:Lang.Referrals.Approved ?>" class="num"><?cs var:u.Approved ?></td><td data-label="<?cs var:Lang.Referrals.Earned ?>" class="num"><?cs var:u.Earned ?> <?cs var:Site.Currency ?></td></tr>
<?cs /each ?></tbody>
</table></div>
<?cs if:Referrals.More ?><p class="more"><?cs var:Lang.Referrals.More ?></p><?cs /if ?>
<?cs /if ?></section>
<?cs include:"footer.cs" ?>
