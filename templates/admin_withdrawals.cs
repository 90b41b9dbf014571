<?cs set:Page.Title = Lang.AdminMoney.WithdrawalsTitle ?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<h1><?cs var:Lang.AdminMoney.WithdrawalsTitle ?></h1>
<?cs if:Form.HasErrors ?><p class="error-summary" role="alert"><?cs var:Lang.Form.FixBelow ?></p><?cs /if ?>
<?cs call:search_box("queue-search", "/admin/withdrawals", Lang.AdminMoney.Search, Lang.AdminMoney.WithdrawalsAccepts, Lang.AdminMoney.Find) ?>
<?cs if:Form.q && !Form.HasErrors ?><p id="queue-filtered"><?cs var:Lang.AdminMoney.Filtered ?> <b><?cs var:Form.q ?></b> <a href="<?cs var:Site.Base ?>/admin/withdrawals"><?cs var:Lang.AdminMoney.ShowAll ?></a></p><?cs /if ?>
<?cs if:!Form.Errors.q ?><h2><?cs var:Lang.AdminMoney.Pending ?></h2>
<?cs if:subcount(Queue.Pending) == 0 ?><p class="empty"><?cs var:Lang.AdminMoney.NonePending ?></p>
<?cs else ?><ul class="queue">
<?cs each:w = Queue.Pending ?> <li class="request" id="withdrawal-<?cs var:w.Id ?>">
  <dl class="facts">
   <dt><?cs var:Lang.AdminMoney.Request ?></dt><dd>#<?cs var:w.Id ?>, <?cs var:w.When ?></dd>
   <dt><?cs var:Lang.AdminMoney.User ?></dt><dd><a href="<?cs var:Site.Base ?>/admin/users/<?cs var:w.UserId ?>"><?cs var:w.User ?></a></dd>
   <dt><?cs var:Lang.AdminMoney.Method ?></dt><dd><?cs var:w.Method ?></dd>
   <dt><?cs var:Lang.AdminMoney.Account ?></dt><dd><code><?cs var:w.Account ?></code></dd>
   <dt><?cs var:Lang.AdminMoney.Amount ?></dt><dd><?cs var:w.Amount ?> <?cs var:Site.Currency ?></dd>
   <dt><?cs var:Lang.AdminMoney.Fee ?></dt><dd><?cs var:w.Fee ?> <?cs var:Site.Currency ?></dd>
   <dt><?cs var:Lang.AdminMoney.ToPay ?></dt><dd><b><?cs var:w.ToPay ?> <?cs var:Site.Currency ?></b></dd>
  </dl>
  <form class="decide" method="post" action="<?cs var:Site.Base ?>/admin/withdrawals/pay" novalidate>
   <?cs call:csrf() ?><input type="hidden" name="id" value="<?cs var:w.Id ?>">
<?cs if:AdminForm.Id == w.Id && AdminForm.Action == "pay" ?><?cs call:input_in("p" + w.Id, "payout_ref", "text", Lang.AdminMoney.PayoutRef, Form.payout_ref, Form.Errors.payout_ref, "") ?><?cs else ?><?cs call:input_in("p" + w.Id, "payout_ref", "text", Lang.AdminMoney.PayoutRef, "", "", "") ?><?cs /if ?>
   <button type="submit"><?cs var:Lang.AdminMoney.Paid ?></button>
  </form>
  <form class="decide" method="post" action="<?cs var:Site.Base ?>/admin/withdrawals/reject" novalidate>
   <?cs call:csrf() ?><input type="hidden" name="id" value="<?cs var:w.Id ?>">
<?cs if:AdminForm.Id == w.Id && AdminForm.Action == "reject" ?><?cs call:input_in("r" + w.Id, "reason", "text", Lang.AdminMoney.Reason, Form.reason, Form.Errors.reason, "") ?><?cs else ?><?cs call:input_in("r" + w.Id, "reason", "text", Lang.AdminMoney.Reason, "", "", "") ?><?cs /if ?>
   <button type="submit" class="reject"><?cs var:Lang.AdminMoney.RejectRefund ?></button>
  </form>
 </li>
<?cs /each ?></ul>
<?cs if:Queue.More ?><p class="hint"><?cs var:Lang.AdminMoney.More ?></p><?cs /if ?>
<?cs /if ?>
<?cs /if ?><?cs if:!Form.q ?><h2><?cs var:Lang.AdminMoney.Decided ?></h2>
<?cs if:subcount(Queue.Decided) == 0 ?><p class="empty"><?cs var:Lang.AdminMoney.NoneDecided ?></p>
<?cs else ?><div class="scroll"><table class="list">
<thead><tr><th><?cs var:Lang.AdminMoney.Request ?></th><th><?cs var:Lang.AdminMoney.User ?></th><th><?cs var:Lang.AdminMoney.Method ?></th><th class="num"><?cs var:Lang.AdminMoney.Amount ?></th><th class="num"><?cs var:Lang.AdminMoney.ToPay ?></th><th><?cs var:Lang.AdminMoney.State ?></th><th><?cs var:Lang.AdminMoney.DecidedBy ?></th></tr></thead>
<tbody>
<?cs each:w = Queue.Decided ?><tr class="<?cs var:w.State ?>"><td data-label="<?cs var:Lang.AdminMoney.Request ?>">#<?cs var:w.Id ?></td><td data-label="<?cs var:Lang.AdminMoney.User ?>"><a href="<?cs var:Site.Base ?>/admin/users/<?cs var:w.UserId ?>"><?cs var:w.User ?></a></td><td data-label="<?cs var:Lang.AdminMoney.Method ?>"><?cs var:w.Method ?><br><code><?cs var:w.Account ?></code></td><td data-label="<?cs var:Lang.AdminMoney.Amount ?>" class="num"><?cs var:w.Amount ?></td><td data-label="<?cs var:Lang.AdminMoney.ToPay ?>" class="num"><?cs var:w.ToPay ?></td><td data-label="<?cs var:Lang.AdminMoney.State ?>"><?cs alt:Lang.Wallet.States[w.State] ?><?cs var:w.State ?><?cs /alt ?><?cs if:w.PayoutRef ?><br><span class="ref"><?cs var:Lang.Wallet.PayoutRef ?> <?cs var:w.PayoutRef ?></span><?cs /if ?><?cs if:w.Reason ?><br><span class="reason"><?cs var:Lang.Wallet.Reason ?> <?cs var:w.Reason ?></span><?cs /if ?></td><td data-label="<?cs var:Lang.AdminMoney.DecidedBy ?>"><?cs var:w.Admin ?><br><?cs var:w.When ?></td></tr>
<?cs /each ?></tbody>
</table></div>
<?cs /if ?>
<?cs /if ?>
<?cs include:"footer.cs" ?>
