<?cs set:Page.Title = Lang.Statement.Title ?><?cs include:"header.cs" ?>
<h1><?cs var:Lang.Statement.Title ?></h1>
<p class="hint"><?cs var:Lang.Statement.Note ?></p>
<p class="actions"><a href="<?cs var:Site.Base ?>/wallet"><?cs var:Lang.Statement.Back ?></a> &middot; <a href="<?cs var:Site.Base ?>/wallet/statement.csv" download><?cs var:Lang.Statement.Csv ?></a></p>
<?cs if:subcount(Statement.Lines) == 0 ?>
<p class="empty"><?cs if:Statement.Paged ?><?cs var:Lang.Statement.NoOlder ?><?cs else ?><?cs var:Lang.Statement.Empty ?><?cs /if ?></p>
<?cs else ?>
<div class="scroll"><table class="list statement">
<thead><tr><th><?cs var:Lang.Statement.Date ?></th><th><?cs var:Lang.Statement.What ?></th><th class="num"><?cs var:Lang.Statement.Amount ?></th><th class="num"><?cs var:Lang.Statement.Balance ?></th></tr></thead>
<tbody>
<?cs each:l = Statement.Lines ?><tr id="leg-<?cs var:l.Id ?>"><td data-label="<?cs var:Lang.Statement.Date ?>"><?cs var:l.When ?></td><td data-label="<?cs var:Lang.Statement.What ?>"><?cs alt:Lang.Statement.Kinds[l.Kind] ?><?cs var:l.Kind ?><?cs /alt ?><?cs
 if:l.Friend ?><br><span class="memo"><?cs var:Lang.Statement.ReferralOf ?> <?cs var:l.Friend ?></span><?cs
 elif:l.Title ?><br><span class="memo"><?cs
  if:l.MyTask == "1" ?><a href="<?cs var:Site.Base ?>/tasks/<?cs var:l.TaskId ?>"><?cs var:l.Title ?></a><?cs
  elif:l.MyCampaign == "1" ?><a href="<?cs var:Site.Base ?>/campaigns/<?cs var:l.CampaignId ?>"><?cs var:l.Title ?></a><?cs
  else ?><?cs var:l.Title ?><?cs /if ?></span><?cs
 elif:(l.Kind == "credit" || l.Kind == "debit") && l.Memo ?><br><span class="memo"><?cs var:l.Memo ?></span><?cs /if ?></td><td data-label="<?cs var:Lang.Statement.Amount ?>" class="num <?cs if:l.In == "1" ?>in<?cs else ?>out<?cs /if ?>"><?cs var:l.Amount ?></td><td data-label="<?cs var:Lang.Statement.Balance ?>" class="num"><?cs var:l.Balance ?></td></tr>
<?cs /each ?></tbody>
</table></div>
<p class="hint"><?cs var:Lang.Statement.InCurrency ?> <?cs var:Site.Currency ?>.</p>
<?cs /if ?>
<p class="pager"><?cs if:Statement.Paged ?><a href="<?cs var:Site.Base ?>/wallet/statement"><?cs var:Lang.Statement.Newest ?></a> <?cs /if ?><?cs if:Statement.Next ?><a href="<?cs var:Site.Base ?>/wallet/statement?before=<?cs var:url_escape(Statement.Next) ?>"><?cs var:Lang.Statement.Older ?></a><?cs /if ?></p>
<?cs include:"footer.cs" ?>
