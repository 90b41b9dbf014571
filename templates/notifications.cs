<?cs set:Page.Title = Lang.Notify.Title ?><?cs include:"header.cs" ?>
<h1><?cs var:Lang.Notify.Title ?></h1>
<?cs if:subcount(Notes) == 0 ?><p class="empty"><?cs var:Lang.Notify.Empty ?></p>
<?cs else ?><ul class="notes" id="notes">
<?cs each:n = Notes ?><li class="<?cs var:n.Kind ?><?cs if:n.Unread == 1 ?> unread<?cs /if ?>"><span class="when"><?cs var:n.When ?></span> <?cs alt:Lang.Notify[n.Kind] ?><?cs var:n.Kind ?><?cs /alt ?><?cs if:n.Title ?> <?cs if:n.Task ?><a href="<?cs var:Site.Base ?>/tasks/<?cs var:n.Task ?>"><?cs var:n.Title ?></a><?cs else ?><?cs var:n.Title ?><?cs /if ?><?cs /if ?><?cs if:n.Reason ?><br><span class="reason"><?cs var:Lang.Notify.Reason ?> <?cs var:n.Reason ?></span><?cs /if ?></li>
<?cs /each ?></ul>
<?cs /if ?>
<?cs include:"footer.cs" ?>
