<?cs set:Page.Title = Lang.Register.Title ?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<h1><?cs var:Lang.Register.Title ?></h1>
<?cs if:Register.InvitedBy ?><p class="notice" id="invited-by"><?cs var:Lang.Register.InvitedBy ?> <strong><?cs var:Register.InvitedBy ?></strong></p>
<?cs /if ?><?cs if:Form.HasErrors ?><p class="error-summary" role="alert"><?cs var:Lang.Form.FixBelow ?></p><?cs /if ?>
<form method="post" action="<?cs var:Site.Base ?>/register" data-captcha novalidate>
<?cs call:csrf() ?>
<?cs call:input("username", "text", Lang.Register.Username, Form.username, "username", "required") ?>
<?cs call:input("email", "email", Lang.Register.Email, Form.email, "email", "required") ?>
<?cs call:input("password", "password", Lang.Register.Password, "", "new-password", "required") ?>
<p class="hint"><?cs var:Lang.Register.PasswordHint ?></p>
<?cs call:input("password2", "password", Lang.Register.Password2, "", "new-password", "required") ?>
<?cs call:country_select("country", Form.country) ?>
<div class="field check<?cs if:Form.Errors.terms ?> bad<?cs /if ?>">
 <label class="choice"><input type="checkbox" name="terms" value="1"<?cs if:Form.terms == "1" ?> checked<?cs /if ?>> <span><?cs var:Lang.Register.Terms ?> <a href="<?cs var:Site.Base ?>/terms" target="_blank"><?cs var:Lang.Register.TermsLink ?></a></span></label>
 <?cs call:field_error("terms") ?>
</div>
<?cs if:Form.ref ?><input type="hidden" name="ref" value="<?cs var:Form.ref ?>">
<?cs /if ?><input type="hidden" name="captcha_salt" value="<?cs var:Captcha.Salt ?>">
<input type="hidden" name="captcha_expires" value="<?cs var:Captcha.Expires ?>">
<input type="hidden" name="captcha_bits" value="<?cs var:Captcha.Bits ?>">
<input type="hidden" name="captcha_sig" value="<?cs var:Captcha.Sig ?>">
<input type="hidden" name="captcha_nonce" value="">
<div class="field captcha<?cs if:Form.Errors.captcha ?> bad<?cs /if ?>" data-captcha-box hidden>
 <label class="choice"><input type="checkbox" name="captcha_check" value="1"> <?cs var:Lang.Captcha.NotRobot ?></label>
 <span class="captcha-status" role="status" data-captcha-status data-working="<?cs var:Lang.Captcha.Working ?>" data-done="<?cs var:Lang.Captcha.Done ?>"></span>
</div>
<?cs call:field_error("captcha") ?>
<noscript><p class="error"><?cs var:Lang.Captcha.NoScript ?></p></noscript>
<button type="submit" disabled><?cs var:Lang.Register.Submit ?></button>
</form>
<p><?cs var:Lang.Register.HaveAccount ?> <a href="<?cs var:Site.Base ?>/login"><?cs var:Lang.Nav.Login ?></a></p>
<script src="<?cs var:Site.Base ?>/static/captcha.js<?cs var:Static.captcha_js ?>"></script>
<?cs include:"footer.cs" ?>
