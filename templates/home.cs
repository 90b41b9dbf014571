<?cs set:Page.Title = Lang.Home.Title ?><?cs include:"header.cs" ?>
<h1><?cs var:Lang.Home.Title ?></h1>
<?cs if:Board.Count == 0 ?>
<p class="empty"><?cs var:Lang.Home.Empty ?></p>
<?cs else ?>
<ul class="jobs">
<?cs each:job = Jobs ?> <li class="job">
  <a class="title" href="<?cs var:Site.Base ?>/jobs/<?cs var:job.Id ?>"><?cs var:job.Title ?></a>
  <span class="pay"><?cs var:job.Pay ?> <?cs var:Site.Currency ?></span>
  <span class="done"><?cs var:Lang.Board.Done ?> <?cs var:job.SlotsDone ?> / <?cs var:job.SlotsTotal ?></span>
  <span class="time"><?cs var:job.Minutes ?> <?cs var:Lang.Board.Minutes ?></span>
 </li>
<?cs /each ?></ul>
<?cs /if ?>
<p class="pager"><?cs if:Board.Paged ?><a href="<?cs var:Site.Base ?>/"><?cs var:Lang.Board.Newest ?></a> <?cs /if ?><?cs if:Board.Next ?><a href="<?cs var:Site.Base ?>/?before=<?cs var:url_escape(Board.Next) ?>"><?cs var:Lang.Board.Older ?></a><?cs /if ?></p>
<?cs include:"footer.cs" ?>
