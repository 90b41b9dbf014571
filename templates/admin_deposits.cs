<?cs set:Page.Title = Lang.AdminMoney.DepositsTitle ?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<h1><?cs var:Lang.AdminMoney.DepositsTitle ?></h1>
<?cs if:Form.HasErrors ?><p class="error-summary" role="alert"><?cs var:Lang.Form.FixBelow ?></p><?cs /if ?>
<?cs call:search_box("queue-search", "/admin/deposits", Lang.AdminMoney.Search, Lang.AdminMoney.DepositsAccepts, Lang.AdminMoney.Find) ?>
<?cs if:Form.q && !Form.HasErrors ?><p id="queue-filtered"><?cs var:Lang.AdminMoney.Filtered ?> <b><?cs var:Form.q ?></b> <a href="<?cs var:Site.Base ?>/admin/deposits"><?cs var:Lang.AdminMoney.ShowAll ?></a></p><?cs /if ?>
<?cs if:!Form.Errors.q ?><h2><?cs var:Lang.AdminMoney.Pending ?></h2>
<?cs if:subcount(Queue.Pending) == 0 ?><p class="empty"><?cs var:Lang.AdminMoney.NonePending ?></p>
<?cs else ?><ul class="queue">
<?cs each:d = Queue.Pending ?> <li class="request<?cs if:d.Conflict == "1" ?> conflict<?cs /if ?>" id="deposit-<?cs var:d.Id ?>">
<?cs if:d.Conflict == "1" ?>  <p class="conflict" role="note"><strong><?cs var:Lang.AdminMoney.Conflict ?></strong> <?cs var:Lang.AdminMoney.ConflictText ?></p>
<?cs /if ?>  <dl class="facts">
   <dt><?cs var:Lang.AdminMoney.Request ?></dt><dd>#<?cs var:d.Id ?>, <?cs var:d.When ?></dd>
   <dt><?cs var:Lang.AdminMoney.User ?></dt><dd><a href="<?cs var:Site.Base ?>/admin/users/<?cs var:d.UserId ?>"><?cs var:d.User ?></a></dd>
   <dt><?cs var:Lang.AdminMoney.Method ?></dt><dd><?cs var:d.Method ?></dd>
   <dt><?cs var:Lang.AdminMoney.Amount ?></dt><dd><b><?cs var:d.Amount ?> <?cs var:Site.Currency ?></b></dd>
   <dt><?cs var:Lang.AdminMoney.TxnRef ?></dt><dd><code><?cs var:d.TxnRef ?></code></dd>
   <dt><?cs var:Lang.AdminMoney.Receipt ?></dt><dd><?cs if:d.Receipt == "1" ?><a href="<?cs var:Site.Base ?>/receipts/<?cs var:d.Id ?>" target="_blank" rel="noopener"><?cs var:Lang.AdminMoney.ReceiptOpen ?></a><?cs else ?><?cs var:Lang.AdminMoney.NoReceipt ?><?cs /if ?></dd>
<?cs if:d.Conflict == "1" ?>   <dt><?cs var:Lang.AdminMoney.ClaimedBy ?></dt><dd><ul class="claims">
<?cs each:o = d.Claims ?>    <li><?cs if:o.State == "pending" ?><a href="#deposit-<?cs var:o.Id ?>">#<?cs var:o.Id ?></a><?cs else ?>#<?cs var:o.Id ?><?cs /if ?>, <a href="<?cs var:Site.Base ?>/admin/users/<?cs var:o.UserId ?>"><?cs var:o.User ?></a>, <?cs var:o.Amount ?> <?cs var:Site.Currency ?>, <?cs var:o.When ?>: <strong><?cs alt:Lang.AdminMoney.ClaimStates[o.State] ?><?cs var:o.State ?><?cs /alt ?></strong><?cs if:o.Receipt == "1" ?> <a href="<?cs var:Site.Base ?>/receipts/<?cs var:o.Id ?>" target="_blank" rel="noopener"><?cs var:Lang.AdminMoney.ReceiptOpen ?></a><?cs /if ?></li>
<?cs /each ?><?cs if:d.ClaimsMore ?>    <li><?cs var:Lang.AdminMoney.ClaimsMore ?></li>
<?cs /if ?>   </ul></dd>
<?cs /if ?>  </dl>
  <form class="decide" method="post" action="<?cs var:Site.Base ?>/admin/deposits/confirm">
   <?cs call:csrf() ?><input type="hidden" name="id" value="<?cs var:d.Id ?>">
   <button type="submit"><?cs var:Lang.AdminMoney.Confirm ?></button>
  </form>
  <form class="decide" method="post" action="<?cs var:Site.Base ?>/admin/deposits/reject" novalidate>
   <?cs call:csrf() ?><input type="hidden" name="id" value="<?cs var:d.Id ?>">
<?cs if:AdminForm.Id == d.Id && AdminForm.Action == "reject" ?><?cs call:input_in("r" + d.Id, "reason", "text", Lang.AdminMoney.Reason, Form.reason, Form.Errors.reason, "") ?><?cs else ?><?cs call:input_in("r" + d.Id, "reason", "text", Lang.AdminMoney.Reason, "", "", "") ?><?cs /if ?>
   <button type="submit" class="reject"><?cs var:Lang.AdminMoney.Reject ?></button>
  </form>
 </li>
<?cs /each ?></ul>
<?cs if:Queue.More ?><p class="hint"><?cs var:Lang.AdminMoney.More ?></p><?cs /if ?>
<?cs /if ?>
<?cs /if ?><?cs if:!Form.q ?><h2><?cs var:Lang.AdminMoney.Decided ?></h2>
<?cs if:subcount(Queue.Decided) == 0 ?><p class="empty"><?cs var:Lang.AdminMoney.NoneDecided ?></p>
<?cs else ?><div class="scroll"><table class="list">
<thead><tr><th><?cs var:Lang.AdminMoney.Request ?></th><th><?cs var:Lang.AdminMoney.User ?></th><th><?cs var:Lang.AdminMoney.Method ?></th><th class="num"><?cs var:Lang.AdminMoney.Amount ?></th><th><?cs var:Lang.AdminMoney.TxnRef ?></th><th><?cs var:Lang.AdminMoney.State ?></th><th><?cs var:Lang.AdminMoney.DecidedBy ?></th></tr></thead>
<tbody>
<?cs each:d = Queue.Decided ?><tr class="<?cs var:d.State ?>"><td data-label="<?cs var:Lang.AdminMoney.Request ?>">#<?cs var:d.Id ?><?cs if:d.Receipt == "1" ?> <a href="<?cs var:Site.Base ?>/receipts/<?cs var:d.Id ?>"><?cs var:Lang.AdminMoney.ReceiptOpen ?></a><?cs /if ?></td><td data-label="<?cs var:Lang.AdminMoney.User ?>"><a href="<?cs var:Site.Base ?>/admin/users/<?cs var:d.UserId ?>"><?cs var:d.User ?></a></td><td data-label="<?cs var:Lang.AdminMoney.Method ?>"><?cs var:d.Method ?></td><td data-label="<?cs var:Lang.AdminMoney.Amount ?>" class="num"><?cs var:d.Amount ?></td><td data-label="<?cs var:Lang.AdminMoney.TxnRef ?>"><code><?cs var:d.TxnRef ?></code></td><td data-label="<?cs var:Lang.AdminMoney.State ?>"><?cs alt:Lang.Wallet.States[d.State] ?><?cs var:d.State ?><?cs /alt ?><?cs if:d.Reason ?><br><span class="reason"><?cs var:Lang.Wallet.Reason ?> <?cs var:d.Reason ?></span><?cs /if ?></td><td data-label="<?cs var:Lang.AdminMoney.DecidedBy ?>"><?cs var:d.Admin ?><br><?cs var:d.When ?></td></tr>
<?cs /each ?></tbody>
</table></div>
<?cs /if ?>
<?cs /if ?>
<?cs include:"footer.cs" ?>
