</main>
<footer class="bottom"><?cs var:Site.Name ?> &middot; <?cs var:Lang.Footer.Tagline ?> &middot; <a href="<?cs var:Site.Base ?>/help"><?cs var:Lang.Footer.Help ?></a> &middot; <a href="<?cs var:Site.Base ?>/payouts"><?cs var:Lang.Footer.Payouts ?></a></footer>
</body>
</html>
