/*
 * The new-campaign form's fields that apply only to some choices: each
 * element marked data-shown-if="FIELD=VALUE|VALUE..." is shown while the
 * select named FIELD has one of the values (or none yet), and hidden
 * otherwise. The server decides the same way when the form is sent, so
 * this only spares the employer fields that do not apply.
 *
 * Plain ES5 for old browsers; no inline script or eval, for a strict CSP.
 */
(function () {
	'use strict';

	function update(form) {
		var marked = form.querySelectorAll('[data-shown-if]');
		var i, rule, eq, select, values;

		for (i = 0; i < marked.length; i++) {
			rule = marked[i].getAttribute('data-shown-if');
			eq = rule.indexOf('=');
			select = form.elements[rule.substring(0, eq)];
			values = rule.substring(eq + 1).split('|');
			marked[i].hidden = select !== undefined &&
			    select.value !== '' &&
			    values.indexOf(select.value) < 0;
		}
	}

	function watch(form) {
		form.addEventListener('change', function () {
			update(form);
		});
		update(form);
	}

	var forms = document.querySelectorAll('form[data-fields]');
	var i;

	for (i = 0; i < forms.length; i++)
		watch(forms[i]);
}());
