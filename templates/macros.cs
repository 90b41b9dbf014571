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
/def ?>
