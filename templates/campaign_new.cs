<?cs set:Page.Title = Lang.CampaignNew.Title ?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?><?cs
# Posting a job. Without New.Type: step 1, the job types by category.
# With it: step 2, the form (common fields, then the job type's own). ?><?cs
def:line(name, type, label, hint, min, max) ?>
<div class="field<?cs if:Form.Errors[name] ?> bad<?cs /if ?>">
 <label for="f-<?cs var:name ?>"><?cs var:label ?> <span class="req">*</span></label>
 <input id="f-<?cs var:name ?>" name="<?cs var:name ?>" <?cs if:type == "number" ?>type="text" inputmode="numeric"<?cs else ?>type="<?cs var:type ?>"<?cs /if ?> value="<?cs var:Form[name] ?>" autocomplete="off"<?cs if:type != "number" ?> maxlength="<?cs var:max ?>"<?cs /if ?><?cs if:Form.Errors[name] ?> aria-invalid="true" aria-describedby="err-<?cs var:name ?>"<?cs /if ?>>
<?cs if:hint ?> <p class="hint"><?cs var:hint ?></p>
<?cs /if ?> <?cs call:field_error(name) ?>
</div><?cs
/def ?><?cs
def:area(name, label, hint, max) ?>
<div class="field<?cs if:Form.Errors[name] ?> bad<?cs /if ?>">
 <label for="f-<?cs var:name ?>"><?cs var:label ?> <span class="req">*</span></label>
 <textarea id="f-<?cs var:name ?>" name="<?cs var:name ?>" rows="6" maxlength="<?cs var:max ?>"<?cs if:Form.Errors[name] ?> aria-invalid="true" aria-describedby="err-<?cs var:name ?>"<?cs /if ?>><?cs var:Form[name] ?></textarea>
<?cs if:hint ?> <p class="hint"><?cs var:hint ?></p>
<?cs /if ?> <?cs call:field_error(name) ?>
</div><?cs
/def ?>
<h1><?cs var:Lang.CampaignNew.Title ?></h1>
<?cs if:!New.Type ?>
<p><?cs var:Lang.CampaignNew.ChooseType ?></p>
<?cs if:subcount(Templates) > 0 ?><section id="templates">
<h2><?cs var:Lang.CampaignNew.Templates ?></h2>
<ul class="templates">
<?cs each:t = Templates ?> <li id="template-<?cs var:t.Id ?>"><a class="use" href="<?cs var:Site.Base ?>/campaigns/new?template=<?cs var:t.Id ?>"><?cs var:Lang.CampaignNew.UseTemplate ?>: <?cs var:t.Name ?></a> <span class="type"><?cs alt:t.TypeLabel ?><?cs var:t.Type ?><?cs /alt ?></span>
  <form class="inline" method="post" action="<?cs var:Site.Base ?>/campaigns/templates/delete"><?cs call:csrf() ?><input type="hidden" name="id" value="<?cs var:t.Id ?>"><button type="submit" class="reject"><?cs var:Lang.CampaignNew.DeleteTemplate ?></button></form></li>
<?cs /each ?></ul>
</section>
<?cs /if ?><?cs if:subcount(Categories) == 0 ?><p class="empty"><?cs var:Lang.CampaignNew.NoTypes ?></p>
<?cs /if ?><?cs each:cat = Categories ?><section class="category" id="cat-<?cs var:cat.Name ?>">
<h2><?cs alt:cat.Label ?><?cs var:cat.Name ?><?cs /alt ?></h2>
<ul class="jobtypes">
<?cs each:t = cat.Types ?> <li id="type-<?cs var:t.Name ?>"><a href="<?cs var:Site.Base ?>/campaigns/new?type=<?cs var:t.Name ?>"><?cs var:t.Label ?></a>
  <p><?cs var:t.Description ?></p>
  <p class="minpay"><?cs var:Lang.CampaignNew.MinPay ?> <?cs var:t.MinPay ?> <?cs var:Site.Currency ?></p></li>
<?cs /each ?></ul>
</section>
<?cs /each ?><?cs else ?>
<h2><?cs var:New.Label ?></h2>
<p><?cs var:New.Description ?></p>
<p class="actions"><a href="<?cs var:Site.Base ?>/campaigns/new"><?cs var:Lang.CampaignNew.OtherType ?></a></p>
<form method="post" action="<?cs var:Site.Base ?>/campaigns/preview" enctype="multipart/form-data" novalidate data-fields>
<?cs call:csrf() ?>
<input type="hidden" name="type" value="<?cs var:New.Type ?>">
<?cs if:Form.HasErrors ?><p class="error-summary" role="alert"><?cs var:Lang.Form.FixBelow ?></p>
<?cs call:field_error("create_key") ?><?cs call:field_error("plugin") ?><?cs /if ?>
<?cs call:line("title", "text", Lang.CampaignNew.Field.Title, Lang.CampaignNew.Hint.Title, "", "120") ?>
<?cs call:area("instructions", Lang.CampaignNew.Field.Instructions, Lang.CampaignNew.Hint.Instructions, "5000") ?>
<div class="field<?cs if:Form.Errors.items ?> bad<?cs /if ?>" id="items-field">
 <label for="f-items"><?cs var:Lang.CampaignNew.Field.Items ?></label>
 <input id="f-items" name="items" type="file" accept=".csv,text/csv"<?cs if:Form.Errors.items ?> aria-invalid="true" aria-describedby="err-items"<?cs /if ?>>
<?cs if:Form.items_csv ?> <input type="hidden" name="items_csv" value="<?cs var:Form.items_csv ?>">
 <p class="hint" id="items-kept"><?cs var:Lang.CampaignNew.ItemsKept ?> <b><?cs var:Form.items_rows ?></b>. <?cs var:Lang.CampaignNew.ItemsReplace ?></p>
<?cs /if ?> <p class="hint"><?cs var:Lang.CampaignNew.Hint.Items ?></p>
 <?cs call:field_error("items") ?>
</div>
<?cs call:area("proof_instructions", Lang.CampaignNew.Field.Proof, Lang.CampaignNew.Hint.Proof, "2000") ?>
<?cs each:f = New.Fields ?>
<div class="field plugin<?cs if:Form.Errors[f.Name] ?> bad<?cs /if ?>" id="field-<?cs var:f.Name ?>"<?cs if:f.ShownIf.Field ?> data-shown-if="<?cs var:f.ShownIf.Field ?>=<?cs var:f.ShownIf.Values ?>"<?cs /if ?><?cs if:f.Hidden ?> hidden<?cs /if ?>>
 <label for="f-<?cs var:f.Name ?>"><?cs var:f.Label ?><?cs if:f.Required == 1 ?> <span class="req">*</span><?cs /if ?></label>
<?cs if:f.Type == "textarea" ?> <textarea id="f-<?cs var:f.Name ?>" name="<?cs var:f.Name ?>" rows="4" maxlength="<?cs var:f.MaxLen ?>"><?cs var:Form[f.Name] ?></textarea>
<?cs elif:f.Type == "choice" ?> <select id="f-<?cs var:f.Name ?>" name="<?cs var:f.Name ?>">
  <option value=""><?cs var:Lang.CampaignNew.Choose ?></option>
<?cs each:o = f.Choices ?>  <option value="<?cs var:o.Value ?>"<?cs if:Form[f.Name] == o.Value ?> selected<?cs /if ?>><?cs var:o.Label ?></option>
<?cs /each ?> </select>
<?cs elif:f.Type == "int" ?> <input id="f-<?cs var:f.Name ?>" name="<?cs var:f.Name ?>" type="text" inputmode="numeric" value="<?cs var:Form[f.Name] ?>">
<?cs else ?> <input id="f-<?cs var:f.Name ?>" name="<?cs var:f.Name ?>" type="<?cs if:f.Type == "url" ?>url<?cs else ?>text<?cs /if ?>" maxlength="<?cs var:f.MaxLen ?>" value="<?cs var:Form[f.Name] ?>" autocomplete="off">
<?cs /if ?><?cs if:f.Help ?> <p class="hint"><?cs var:f.Help ?></p>
<?cs /if ?><?cs if:f.MaxLen ?> <p class="hint"><?cs var:Lang.CampaignNew.MaxLen ?> <?cs var:f.MaxLen ?></p>
<?cs /if ?><?cs if:f.Type == "int" ?> <p class="hint"><?cs var:Lang.CampaignNew.Range ?> <?cs var:f.Min ?> - <?cs var:f.Max ?></p>
<?cs /if ?> <?cs call:field_error(f.Name) ?>
</div>
<?cs /each ?>
<?cs call:line("slots", "number", Lang.CampaignNew.Field.Slots, Lang.CampaignNew.Hint.Slots, "1", "100000") ?>
<div class="field<?cs if:Form.Errors.pay ?> bad<?cs /if ?>">
 <label for="f-pay"><?cs var:Lang.CampaignNew.Field.Pay ?> (<?cs var:Site.Currency ?>) <span class="req">*</span></label>
 <input id="f-pay" name="pay" type="text" inputmode="decimal" value="<?cs var:Form.pay ?>" autocomplete="off">
 <p class="hint"><?cs var:Lang.CampaignNew.MinPay ?> <?cs var:New.MinPay ?> <?cs var:Site.Currency ?></p>
 <?cs call:field_error("pay") ?>
</div>
<fieldset class="field<?cs if:Form.Errors.countries_mode || Form.Errors.countries ?> bad<?cs /if ?>">
 <legend><?cs var:Lang.CampaignNew.Field.Countries ?></legend>
<?cs each:m = Lang.CampaignNew.Modes ?> <label class="choice"><input type="radio" name="countries_mode" value="<?cs name:m ?>"<?cs if:Form.countries_mode == name(m) ?> checked<?cs /if ?>> <?cs var:m ?></label>
<?cs /each ?> <?cs call:field_error("countries_mode") ?>
 <p class="hint" id="countries-hint"><?cs var:Lang.CampaignNew.Hint.Countries ?></p>
<?cs # Tick boxes, one "countries" value each (as a multi-select posted
       them), in a list that scrolls; the ticked ones come first. ?>
 <div class="picklist" id="f-countries" role="group" aria-describedby="countries-hint">
<?cs each:cc = Lang.Country ?><?cs if:Form.CountrySel[name(cc)] ?>  <label class="choice"><input type="checkbox" name="countries" value="<?cs name:cc ?>" checked> <?cs var:cc ?></label>
<?cs /if ?><?cs /each ?><?cs each:cc = Lang.Country ?><?cs if:!Form.CountrySel[name(cc)] ?>  <label class="choice"><input type="checkbox" name="countries" value="<?cs name:cc ?>"> <?cs var:cc ?></label>
<?cs /if ?><?cs /each ?> </div>
 <?cs call:field_error("countries") ?>
</fieldset>
<?cs call:line("minutes", "number", Lang.CampaignNew.Field.Minutes, Lang.CampaignNew.Hint.Minutes, "5", "10080") ?>
<?cs call:line("days", "number", Lang.CampaignNew.Field.Days, Lang.CampaignNew.Hint.Days, "1", "30") ?>
<?cs call:line("min_success", "number", Lang.CampaignNew.Field.MinSuccess, Lang.CampaignNew.Hint.MinSuccess, "0", "100") ?>
<div class="field<?cs if:Form.Errors.release_per_hour ?> bad<?cs /if ?>">
 <label for="f-release_per_hour"><?cs var:Lang.CampaignNew.Field.Release ?></label>
 <input id="f-release_per_hour" name="release_per_hour" type="text" inputmode="numeric" value="<?cs var:Form.release_per_hour ?>" autocomplete="off" aria-describedby="release-hint<?cs if:Form.Errors.release_per_hour ?> err-release_per_hour<?cs /if ?>"<?cs if:Form.Errors.release_per_hour ?> aria-invalid="true"<?cs /if ?>>
 <p class="hint" id="release-hint"><?cs var:Lang.CampaignNew.Hint.Release ?></p>
 <?cs call:field_error("release_per_hour") ?>
</div>
<?cs if:New.Verify ?><fieldset class="field verify<?cs if:Form.Errors.verify_secret || Form.Errors.verify_mode ?> bad<?cs /if ?>" id="verify">
 <legend><?cs var:Lang.CampaignNew.Field.Verify ?></legend>
 <p class="hint"><?cs var:Lang.CampaignNew.Hint.Verify ?></p>
 <label for="f-verify_secret"><?cs var:Lang.CampaignNew.Field.VerifySecret ?> <?cs var:Lang.CampaignNew.Optional ?></label>
 <input id="f-verify_secret" name="verify_secret" type="text" maxlength="128" value="<?cs var:Form.verify_secret ?>" autocomplete="off"<?cs if:Form.Errors.verify_secret ?> aria-invalid="true" aria-describedby="err-verify_secret"<?cs /if ?>>
 <p class="hint"><?cs var:Lang.CampaignNew.Hint.VerifySecret ?></p>
 <?cs call:field_error("verify_secret") ?>
<?cs each:m = Lang.CampaignNew.VerifyModes ?> <label class="choice"><input type="radio" name="verify_mode" value="<?cs name:m ?>"<?cs if:Form.verify_mode == name(m) || (!Form.verify_mode && name(m) == "off") ?> checked<?cs /if ?>> <?cs var:m ?></label>
<?cs /each ?> <?cs call:field_error("verify_mode") ?>
</fieldset>
<?cs /if ?><div class="field">
 <label class="choice"><input type="checkbox" name="screenshot_required" value="1"<?cs if:Form.screenshot_required ?> checked<?cs /if ?>> <?cs var:Lang.CampaignNew.Field.Screenshot ?></label>
</div>
<button type="submit"><?cs var:Lang.CampaignNew.ToPreview ?></button>
</form>
<script src="<?cs var:Site.Base ?>/static/fields.js<?cs var:Static.fields_js ?>"></script>
<?cs /if ?>
<?cs include:"footer.cs" ?>
