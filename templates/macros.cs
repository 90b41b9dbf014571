<?cs # Form widgets shared by the pages. Every value is escaped by the
       html VarEscapeMode; errors come from Form.Errors.NAME. ?><?cs
def:field_error(name) ?><?cs
 if:Form.Errors[name] ?><p class="error" id="err-<?cs var:name ?>"><?cs var:Form.Errors[name] ?></p><?cs /if ?><?cs
/def ?><?cs
def:input(name, type, label, value, autocomplete, extra) ?>
<div class="field<?cs if:Form.Errors[name] ?> bad<?cs /if ?>">
 <label for="f-<?cs var:name ?>"><?cs var:label ?></label>
 <input id="f-<?cs var:name ?>" name="<?cs var:name ?>" type="<?cs var:type ?>"<?cs if:type != "password" ?> value="<?cs var:value ?>"<?cs /if ?> autocomplete="<?cs var:autocomplete ?>"<?cs if:Form.Errors[name] ?> aria-invalid="true" aria-describedby="err-<?cs var:name ?>"<?cs /if ?><?cs if:extra == "required" ?> required<?cs /if ?>>
 <?cs call:field_error(name) ?>
</div><?cs
/def ?><?cs
def:error_in(prefix, name, error) ?><?cs
 if:error ?><p class="error" id="err-<?cs var:prefix ?>-<?cs var:name ?>"><?cs var:error ?></p><?cs /if ?><?cs
/def ?><?cs
# An input of a page with several forms: its id is PREFIX-NAME, and value
# and error are the ones of this form. type "money" is text typed as a
# decimal number, "file" an image. ?><?cs
def:input_in(prefix, name, type, label, value, error, hint) ?>
<div class="field<?cs if:error ?> bad<?cs /if ?>">
 <label for="<?cs var:prefix ?>-<?cs var:name ?>"><?cs var:label ?></label>
 <input id="<?cs var:prefix ?>-<?cs var:name ?>" name="<?cs var:name ?>"<?cs if:type == "file" ?> type="file" accept="image/png,image/jpeg,image/webp"<?cs elif:type == "money" ?> type="text" inputmode="decimal" value="<?cs var:value ?>" autocomplete="off"<?cs else ?> type="<?cs var:type ?>" value="<?cs var:value ?>" autocomplete="off"<?cs /if ?><?cs if:error ?> aria-invalid="true" aria-describedby="err-<?cs var:prefix ?>-<?cs var:name ?>"<?cs /if ?>>
<?cs if:hint ?> <p class="hint"><?cs var:hint ?></p>
<?cs /if ?> <?cs call:error_in(prefix, name, error) ?>
</div><?cs
/def ?><?cs
def:csrf() ?><input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>"><?cs
/def ?><?cs
def:country_select(name, value) ?>
<div class="field<?cs if:Form.Errors[name] ?> bad<?cs /if ?>">
 <label for="f-<?cs var:name ?>"><?cs var:Lang.Form.Country ?></label>
 <select id="f-<?cs var:name ?>" name="<?cs var:name ?>">
  <option value=""><?cs var:Lang.Form.ChooseCountry ?></option>
<?cs each:c = Lang.Country ?>  <option value="<?cs name:c ?>"<?cs if:value == name(c) ?> selected<?cs /if ?>><?cs var:c ?></option>
<?cs /each ?> </select>
 <?cs call:field_error(name) ?>
</div><?cs
/def ?><?cs # search_box(id, action, label, hint, button): a GET form of one box
       q (kept in Form.q) that finds rows on the page at action. ?><?cs
def:search_box(id, action, label, hint, button) ?><form class="filters" id="<?cs var:id ?>" method="get" action="<?cs var:Site.Base ?><?cs var:action ?>" role="search">
 <div class="field<?cs if:Form.Errors.q ?> bad<?cs /if ?>">
  <label for="f-q"><?cs var:label ?></label>
  <input id="f-q" name="q" type="search" value="<?cs var:Form.q ?>" autocomplete="off" aria-describedby="q-hint<?cs if:Form.Errors.q ?> err-q<?cs /if ?>"<?cs if:Form.Errors.q ?> aria-invalid="true"<?cs /if ?>>
  <p class="hint" id="q-hint"><?cs var:hint ?></p>
  <?cs call:field_error("q") ?>
 </div>
 <button type="submit"><?cs var:button ?></button>
</form><?cs
/def ?>
