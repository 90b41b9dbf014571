</main>
<footer class="bottom"><?cs var:Site.Name ?> &middot; <?cs var:Lang.Footer.Tagline ?></footer>
</body>
</html>
