/*
 * The "I am not a robot" check of forms marked data-captcha: find the first
 * nonce, counting from 0, such that SHA-256(salt ":" nonce) starts with the
 * signed number of zero bits, a slice at a time so the page stays
 * responsive. The texts shown come from the page, which is translated.
 *
 * SHA-256 is written from FIPS 180-4. Its input is a string whose
 * characters are taken as bytes (codes 0 to 255); salt and nonce are ASCII.
 *
 * Plain ES5 for old browsers; no inline script or eval, for a strict CSP.
 */
(function () {
	'use strict';

	/* 4.2.2: the first 32 bits of the fractional parts of the cube roots
	 * of the first 64 primes. */
	var K = [
		0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5,
		0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
		0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
		0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
		0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
		0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
		0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
		0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
		0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
		0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
		0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3,
		0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
		0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5,
		0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
		0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
		0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
	];

	/* 5.3.3: the first 32 bits of the fractional parts of the square
	 * roots of the first 8 primes. */
	var H0 = [
		0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
		0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19
	];

	var CHUNK = 2000;	/* hashes between looks at the clock */
	var SLICE_MS = 20;	/* then let the page breathe */

	var W = new Array(64);	/* the message schedule, reused */

	function rotr(x, n) {
		return (x >>> n) | (x << (32 - n));
	}

	/* 6.2.2: fold the 16 words m[off..off+15] into the hash value h. */
	function compress(h, m, off) {
		var a = h[0], b = h[1], c = h[2], d = h[3];
		var e = h[4], f = h[5], g = h[6], k = h[7];
		var i, s0, s1, t1, t2;

		for (i = 0; i < 16; i++)
			W[i] = m[off + i];
		for (i = 16; i < 64; i++) {
			s0 = rotr(W[i - 15], 7) ^ rotr(W[i - 15], 18) ^
			    (W[i - 15] >>> 3);
			s1 = rotr(W[i - 2], 17) ^ rotr(W[i - 2], 19) ^
			    (W[i - 2] >>> 10);
			W[i] = (W[i - 16] + s0 + W[i - 7] + s1) | 0;
		}
		for (i = 0; i < 64; i++) {
			s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
			t1 = (k + s1 + ((e & f) ^ (~e & g)) + K[i] + W[i]) | 0;
			s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
			t2 = (s0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
			k = g;
			g = f;
			f = e;
			e = (d + t1) | 0;
			d = c;
			c = b;
			b = a;
			a = (t1 + t2) | 0;
		}
		h[0] = (h[0] + a) | 0;
		h[1] = (h[1] + b) | 0;
		h[2] = (h[2] + c) | 0;
		h[3] = (h[3] + d) | 0;
		h[4] = (h[4] + e) | 0;
		h[5] = (h[5] + f) | 0;
		h[6] = (h[6] + g) | 0;
		h[7] = (h[7] + k) | 0;
	}

	/* The digest of the bytes of s as 8 words (signed 32-bit numbers). */
	function sha256(s) {
		var n = s.length, nwords = (((n + 8) >> 6) + 1) * 16;
		var m = new Array(nwords), h = H0.slice(), i;

		/* 5.1.1: the bytes, a 1 bit, zeros, the length in bits. */
		for (i = 0; i < nwords; i++)
			m[i] = 0;
		for (i = 0; i < n; i++)
			m[i >> 2] |= (s.charCodeAt(i) & 0xff) << (24 - 8 * (i & 3));
		m[n >> 2] |= 0x80 << (24 - 8 * (n & 3));
		m[nwords - 2] = Math.floor(n / 0x20000000);
		m[nwords - 1] = (n * 8) | 0;
		for (i = 0; i < nwords; i += 16)
			compress(h, m, i);
		return h;
	}

	/* The digest of the bytes of s in lowercase hex. */
	function sha256hex(s) {
		var h = sha256(s), out = '', i;

		for (i = 0; i < 8; i++)
			out += ('0000000' + (h[i] >>> 0).toString(16)).slice(-8);
		return out;
	}

	/* The number of leading zero bits of a digest. */
	function leadingZeros(h) {
		var z = 0, i, w;

		for (i = 0; i < 8 && h[i] === 0; i++)
			z += 32;
		/* Shift left until the top bit, the sign, is set. */
		if (i < 8)
			for (w = h[i]; w >= 0; w <<= 1)
				z++;
		return z;
	}

	function works(salt, nonce, bits) {
		return leadingZeros(sha256(salt + ':' + nonce)) >= bits;
	}

	/* The first nonce that works, as a string, found at once (for tests). */
	function solve(salt, bits) {
		var n = 0;

		while (!works(salt, String(n), bits))
			n++;
		return String(n);
	}

	/* Like solve(), in slices of about SLICE_MS; then done(nonce). */
	function solveLater(salt, bits, done) {
		var n = 0;

		function slice() {
			var start = Date.now(), end;

			do {
				for (end = n + CHUNK; n < end; n++)
					if (works(salt, String(n), bits)) {
						done(String(n));
						return;
					}
			} while (Date.now() - start < SLICE_MS);
			setTimeout(slice, 0);
		}
		setTimeout(slice, 0);
	}

	function setup(form) {
		var q = function (sel) { return form.querySelector(sel); };
		var salt = q('input[name="captcha_salt"]');
		var bits = q('input[name="captcha_bits"]');
		var nonce = q('input[name="captcha_nonce"]');
		var check = q('input[name="captcha_check"]');
		var box = q('[data-captcha-box]');
		var status = q('[data-captcha-status]');
		var buttons = [], found = null, started = false, i;

		if (!salt || !bits || !nonce || !check || !box)
			return;
		for (i = 0; i < form.elements.length; i++)
			if (form.elements[i].type === 'submit')
				buttons.push(form.elements[i]);

		function verified() {
			return check.checked && found !== null;
		}

		function show() {
			var ok = verified(), j;

			nonce.value = ok ? found : '';
			for (j = 0; j < buttons.length; j++)
				buttons[j].disabled = !ok;
			if (status)
				status.textContent = !check.checked ? '' :
				    status.getAttribute(ok ? 'data-done' :
				    'data-working') || '';
		}

		/* Begin on the first sign of use; the tick only reveals it. */
		function start() {
			if (started)
				return;
			started = true;
			solveLater(salt.value, parseInt(bits.value, 10),
			    function (n) {
				found = n;
				show();
			});
		}

		check.addEventListener('change', function () {
			if (check.checked)
				start();
			show();
		});
		form.addEventListener('focus', start, true);
		form.addEventListener('submit', function (ev) {
			if (!verified())
				ev.preventDefault();
		});
		box.removeAttribute('hidden');
		if (check.checked)	/* kept by the browser on going back */
			start();
		show();
	}

	function init() {
		var forms = document.querySelectorAll('form[data-captcha]'), i;

		for (i = 0; i < forms.length; i++)
			setup(forms[i]);
	}

	if (typeof document !== 'undefined') {
		if (document.readyState === 'loading')
			document.addEventListener('DOMContentLoaded', init);
		else
			init();
	}
	if (typeof module !== 'undefined' && module.exports)
		module.exports = { sha256hex: sha256hex, solve: solve };
}());
