</main>
<footer class="bottom"><p><?cs var:Site.Name ?> &middot; <?cs var:Lang.Footer.Tagline ?></p>
<nav class="foot"><a href="<?cs var:Site.Base ?>/help"><?cs var:Lang.Footer.Help ?></a> <a href="<?cs var:Site.Base ?>/payouts"><?cs var:Lang.Footer.Payouts ?></a></nav></footer>
</body>
</html>
