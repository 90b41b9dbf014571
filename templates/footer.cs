</main>
<footer class="bottom"><p><?cs var:Site.Name ?> &middot; <?cs var:Lang.Footer.Tagline ?></p>
<nav class="foot"><a href="<?cs var:Site.Base ?>/help"><?cs var:Lang.Footer.Help ?></a> <a href="<?cs var:Site.Base ?>/payouts"><?cs var:Lang.Footer.Payouts ?></a></nav><?cs if:Langs.1.Name && Page.Csrf ?>
<form class="langs" method="post" action="<?cs var:Site.Base ?>/language" aria-label="<?cs var:Lang.Footer.Language ?>"><input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>"><input type="hidden" name="next" value="<?cs var:Page.Path ?><?cs if:Page.Query ?>?<?cs var:Page.Query ?><?cs /if ?>"><?cs each:l = Langs ?><?cs if:l.Name != Page.Lang ?> <button type="submit" name="lang" value="<?cs var:l.Name ?>" lang="<?cs var:l.Name ?>"><?cs var:l.Label ?></button><?cs /if ?><?cs /each ?></form><?cs /if ?></footer>
</body>
</html>
