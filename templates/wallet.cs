<?cs set:Page.Title = Lang.Wallet.Title ?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?><?cs
# Both forms post fields of the same names: the form shown again reads
# what was typed and what is wrong from Form, the other one its defaults,
# each through f. ?><?cs
def:deposit_form(f) ?>
<form method="post" action="<?cs var:Site.Base ?>/wallet/deposit" enctype="multipart/form-data" novalidate>
<?cs call:csrf() ?>
<?cs if:f.HasErrors ?><p class="error-summary" role="alert"><?cs var:Lang.Form.FixBelow ?></p><?cs /if ?>
<div class="field<?cs if:f.Errors.method ?> bad<?cs /if ?>">
 <label for="d-method"><?cs var:Lang.Wallet.Method ?></label>
 <select id="d-method" name="method">
  <option value=""><?cs var:Lang.Wallet.ChooseMethod ?></option>
<?cs each:m = DepositMethods ?>  <option value="<?cs var:m.Name ?>"<?cs if:f.method == m.Name ?> selected<?cs /if ?>><?cs var:m.Label ?> (<?cs var:Lang.Wallet.From ?> <?cs var:m.Min ?> <?cs var:Site.Currency ?>)</option>
<?cs /each ?> </select>
 <?cs call:error_in("d", "method", f.Errors.method) ?>
</div>
<?cs call:input_in("d", "amount", "money", Lang.Wallet.Amount, f.amount, f.Errors.amount, Lang.Wallet.AmountHint) ?>
<?cs call:input_in("d", "txn_ref", "text", Lang.Wallet.TxnRef, f.txn_ref, f.Errors.txn_ref, "") ?>
<?cs if:f.HasErrors ?><?cs call:input_in("d", "receipt", "file", Lang.Wallet.Receipt, "", f.Errors.receipt, Lang.Wallet.ReceiptAgain) ?><?cs else ?><?cs call:input_in("d", "receipt", "file", Lang.Wallet.Receipt, "", f.Errors.receipt, Lang.Wallet.ReceiptHint) ?><?cs /if ?>
<button type="submit"><?cs var:Lang.Wallet.SendDeposit ?></button>
</form><?cs
/def ?><?cs
def:withdraw_form(f) ?>
<form method="post" action="<?cs var:Site.Base ?>/wallet/withdraw" novalidate>
<?cs call:csrf() ?>
<input type="hidden" name="request_key" value="<?cs var:Wallet.RequestKey ?>">
<?cs if:f.HasErrors ?><p class="error-summary" role="alert"><?cs var:Lang.Form.FixBelow ?></p><?cs call:error_in("w", "request_key", f.Errors.request_key) ?><?cs /if ?>
<div class="field<?cs if:f.Errors.method ?> bad<?cs /if ?>">
 <label for="w-method"><?cs var:Lang.Wallet.PayoutMethod ?></label>
 <select id="w-method" name="method">
  <option value=""><?cs var:Lang.Wallet.ChooseMethod ?></option>
<?cs each:m = PayoutMethods ?>  <option value="<?cs var:m.Name ?>"<?cs if:f.method == m.Name ?> selected<?cs /if ?>><?cs var:m.Label ?> (<?cs var:m.Min ?> <?cs var:Lang.Wallet.To ?> <?cs var:m.Max ?> <?cs var:Site.Currency ?>; <?cs var:m.Hint ?>)</option>
<?cs /each ?> </select>
 <?cs call:error_in("w", "method", f.Errors.method) ?>
</div>
<?cs call:input_in("w", "account", "text", Lang.Wallet.PayoutAccount, f.account, f.Errors.account, Lang.Wallet.AccountHint) ?>
<?cs call:input_in("w", "amount", "money", Lang.Wallet.Amount, f.amount, f.Errors.amount, Lang.Wallet.AmountHint) ?>
<button type="submit"><?cs var:Lang.Wallet.SendWithdrawal ?></button>
</form><?cs
/def ?>
<h1><?cs var:Lang.Wallet.Title ?></h1>
<dl class="facts balances">
 <dt><?cs var:Lang.Wallet.Available ?></dt><dd id="available"><?cs var:Wallet.Available ?> <?cs var:Site.Currency ?></dd>
 <dt><?cs var:Lang.Wallet.Held ?></dt><dd id="held"><?cs var:Wallet.Held ?> <?cs var:Site.Currency ?></dd>
</dl>
<p class="hint"><?cs var:Lang.Wallet.HeldHint ?></p>
<p class="actions"><a href="<?cs var:Site.Base ?>/wallet/statement"><?cs var:Lang.Wallet.StatementLink ?></a></p>

<section id="deposit">
<h2><?cs var:Lang.Wallet.Deposit ?></h2>
<?cs if:subcount(DepositMethods) == 0 ?><p class="empty"><?cs var:Lang.Wallet.NoDepositMethods ?></p>
<?cs else ?><p><?cs var:Lang.Wallet.DepositText ?></p>
<dl class="methods">
<?cs each:m = DepositMethods ?> <dt><?cs var:m.Label ?></dt><dd><?cs var:m.Instructions ?> <?cs var:Lang.Wallet.Minimum ?> <?cs var:m.Min ?> <?cs var:Site.Currency ?>.</dd>
<?cs /each ?></dl>
<?cs if:Wallet.Posted == "deposit" ?><?cs call:deposit_form(Form) ?><?cs else ?><?cs call:deposit_form(DepositDefaults) ?><?cs /if ?>
<?cs /if ?></section>

<section id="withdraw">
<h2><?cs var:Lang.Wallet.Withdraw ?></h2>
<?cs if:subcount(PayoutMethods) == 0 ?><p class="empty"><?cs var:Lang.Wallet.NoPayoutMethods ?></p>
<?cs else ?><p class="fee"><?cs var:Lang.Wallet.FeeLabel ?> <?cs if:Wallet.FeePercent ?><?cs var:Wallet.FeePercent ?>% <?cs var:Lang.Wallet.FeeOfAmount ?><?cs if:Wallet.FeeFixed ?> <?cs var:Lang.Wallet.FeePlus ?> <?cs /if ?><?cs /if ?><?cs if:Wallet.FeeFixed ?><?cs var:Wallet.FeeFixed ?> <?cs var:Site.Currency ?><?cs /if ?><?cs if:!Wallet.FeePercent && !Wallet.FeeFixed ?><?cs var:Lang.Wallet.NoFee ?><?cs /if ?>. <?cs var:Lang.Wallet.YouReceive ?></p>
<?cs if:Wallet.Posted == "withdraw" ?><?cs call:withdraw_form(Form) ?><?cs else ?><?cs call:withdraw_form(WithdrawDefaults) ?><?cs /if ?>
<?cs /if ?></section>

<section id="my-deposits">
<h2><?cs var:Lang.Wallet.MyDeposits ?></h2>
<?cs if:subcount(MyDeposits) == 0 ?><p class="empty"><?cs var:Lang.Wallet.NoneYet ?></p>
<?cs else ?><div class="scroll"><table class="list">
<thead><tr><th><?cs var:Lang.Wallet.Date ?></th><th><?cs var:Lang.Wallet.Method ?></th><th class="num"><?cs var:Lang.Wallet.Amount ?></th><th><?cs var:Lang.Wallet.TxnRefShort ?></th><th><?cs var:Lang.Wallet.State ?></th></tr></thead>
<tbody>
<?cs each:d = MyDeposits ?><tr class="<?cs var:d.State ?>"><td data-label="<?cs var:Lang.Wallet.Date ?>"><?cs var:d.When ?></td><td data-label="<?cs var:Lang.Wallet.Method ?>"><?cs var:d.Method ?></td><td data-label="<?cs var:Lang.Wallet.Amount ?>" class="num"><?cs var:d.Amount ?> <?cs var:Site.Currency ?></td><td data-label="<?cs var:Lang.Wallet.TxnRefShort ?>"><?cs var:d.TxnRef ?><?cs if:d.Receipt == "1" ?> <a href="<?cs var:Site.Base ?>/receipts/<?cs var:d.Id ?>"><?cs var:Lang.Wallet.ReceiptLink ?></a><?cs /if ?></td><td data-label="<?cs var:Lang.Wallet.State ?>"><?cs alt:Lang.Wallet.States[d.State] ?><?cs var:d.State ?><?cs /alt ?><?cs if:d.Reason ?><br><span class="reason"><?cs var:Lang.Wallet.Reason ?> <?cs var:d.Reason ?></span><?cs /if ?></td></tr>
<?cs /each ?></tbody>
</table></div>
<?cs /if ?></section>

<section id="my-withdrawals">
<h2><?cs var:Lang.Wallet.MyWithdrawals ?></h2>
<?cs if:subcount(MyWithdrawals) == 0 ?><p class="empty"><?cs var:Lang.Wallet.NoneYet ?></p>
<?cs else ?><div class="scroll"><table class="list">
<thead><tr><th><?cs var:Lang.Wallet.Date ?></th><th><?cs var:Lang.Wallet.PayoutMethod ?></th><th class="num"><?cs var:Lang.Wallet.Amount ?></th><th class="num"><?cs var:Lang.Wallet.Fee ?></th><th class="num"><?cs var:Lang.Wallet.ToReceive ?></th><th><?cs var:Lang.Wallet.State ?></th></tr></thead>
<tbody>
<?cs each:w = MyWithdrawals ?><tr class="<?cs var:w.State ?>"><td data-label="<?cs var:Lang.Wallet.Date ?>"><?cs var:w.When ?></td><td data-label="<?cs var:Lang.Wallet.PayoutMethod ?>"><?cs var:w.Method ?><br><span class="account"><?cs var:w.Account ?></span></td><td data-label="<?cs var:Lang.Wallet.Amount ?>" class="num"><?cs var:w.Amount ?></td><td data-label="<?cs var:Lang.Wallet.Fee ?>" class="num"><?cs var:w.Fee ?></td><td data-label="<?cs var:Lang.Wallet.ToReceive ?>" class="num"><?cs var:w.Receive ?> <?cs var:Site.Currency ?></td><td data-label="<?cs var:Lang.Wallet.State ?>"><?cs alt:Lang.Wallet.States[w.State] ?><?cs var:w.State ?><?cs /alt ?><?cs if:w.PayoutRef ?><br><span class="ref"><?cs var:Lang.Wallet.PayoutRef ?> <?cs var:w.PayoutRef ?></span><?cs /if ?><?cs if:w.Reason ?><br><span class="reason"><?cs var:Lang.Wallet.Reason ?> <?cs var:w.Reason ?></span><?cs /if ?></td></tr>
<?cs /each ?></tbody>
</table></div>
<?cs /if ?></section>
<?cs include:"footer.cs" ?>
