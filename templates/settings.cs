<?cs set:Page.Title = Lang.Settings.Title ?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<h1><?cs var:Lang.Settings.Title ?></h1>
<?cs if:Form.HasErrors ?><p class="error-summary" role="alert"><?cs var:Lang.Form.FixBelow ?></p><?cs /if ?>

<section>
<h2><?cs var:Lang.Settings.Profile ?></h2>
<form method="post" action="<?cs var:Site.Base ?>/settings/profile" novalidate>
<?cs call:csrf() ?>
<?cs call:country_select("country", Form.country) ?>
<div class="field<?cs if:Form.Errors.language ?> bad<?cs /if ?>">
 <label for="f-language"><?cs var:Lang.Settings.Language ?></label>
 <select id="f-language" name="language">
<?cs each:l = Languages ?>  <option value="<?cs var:l ?>"<?cs if:Form.language == l ?> selected<?cs /if ?>><?cs alt:Lang.LanguageName[l] ?><?cs var:l ?><?cs /alt ?></option>
<?cs /each ?> </select>
 <?cs call:field_error("language") ?>
</div>
<div class="field<?cs if:Form.Errors.time_zone ?> bad<?cs /if ?>">
 <label for="f-time_zone"><?cs var:Lang.Settings.TimeZone ?></label>
 <select id="f-time_zone" name="time_zone">
  <option value=""><?cs var:Lang.Settings.ZoneAuto ?><?cs if:Zone.Auto ?> (<?cs var:Zone.Auto ?>)<?cs /if ?></option>
<?cs each:z = Zones ?>  <option value="<?cs var:z ?>"<?cs if:Form.time_zone == z ?> selected<?cs /if ?>><?cs var:z ?></option>
<?cs /each ?> </select>
 <?cs call:field_error("time_zone") ?>
</div>
<div class="field<?cs if:Form.Errors.payout_method ?> bad<?cs /if ?>">
 <label for="f-payout_method"><?cs var:Lang.Settings.PayoutMethod ?></label>
 <select id="f-payout_method" name="payout_method">
  <option value=""><?cs var:Lang.Settings.NoPayout ?></option>
<?cs each:p = Payouts ?>  <option value="<?cs var:p.Name ?>"<?cs if:Form.payout_method == p.Name ?> selected<?cs /if ?>><?cs var:p.Label ?> (<?cs var:p.Hint ?>)</option>
<?cs /each ?> </select>
 <?cs call:field_error("payout_method") ?>
</div>
<?cs call:input("payout_account", "text", Lang.Settings.PayoutAccount, Form.payout_account, "off", "") ?>
<button type="submit"><?cs var:Lang.Settings.Save ?></button>
</form>
</section>

<section>
<h2><?cs var:Lang.Settings.Password ?></h2>
<form method="post" action="<?cs var:Site.Base ?>/settings/password" novalidate>
<?cs call:csrf() ?>
<?cs call:input("current_password", "password", Lang.Settings.CurrentPassword, "", "current-password", "required") ?>
<?cs call:input("new_password", "password", Lang.Settings.NewPassword, "", "new-password", "required") ?>
<p class="hint"><?cs var:Lang.Register.PasswordHint ?></p>
<?cs call:input("new_password2", "password", Lang.Register.Password2, "", "new-password", "required") ?>
<button type="submit"><?cs var:Lang.Settings.ChangePassword ?></button>
</form>
</section>

<section>
<h2><?cs var:Lang.Settings.Email ?></h2>
<p><?cs var:Lang.Settings.EmailNow ?> <b><?cs var:Account.Email ?></b></p>
<form method="post" action="<?cs var:Site.Base ?>/settings/email" novalidate>
<?cs call:csrf() ?>
<?cs call:input("new_email", "email", Lang.Settings.NewEmail, Form.new_email, "email", "required") ?>
<?cs call:input("email_password", "password", Lang.Settings.CurrentPassword, "", "current-password", "required") ?>
<button type="submit"><?cs var:Lang.Settings.ChangeEmail ?></button>
</form>
</section>

<section id="api">
<h2><?cs var:Lang.Settings.ApiTitle ?></h2>
<p><?cs var:Lang.Settings.ApiText ?></p>
<p class="actions"><a href="<?cs var:Site.Base ?>/settings/api"><?cs var:Lang.Settings.ApiLink ?></a></p>
</section>
<?cs include:"footer.cs" ?>
