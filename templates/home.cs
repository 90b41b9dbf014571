<?cs set:Page.Title = Lang.Home.Title ?><?cs include:"header.cs" ?>
<h1><?cs var:Lang.Home.Title ?></h1>
<form class="filters" method="get" action="<?cs var:Site.Base ?>/">
 <label><?cs var:Lang.Board.Category ?>
  <select name="category">
   <option value=""><?cs var:Lang.Board.All ?></option>
<?cs each:cat = Board.Categories ?>   <option value="<?cs var:cat ?>"<?cs if:Board.Category == cat ?> selected<?cs /if ?>><?cs alt:Lang.Category[cat] ?><?cs var:cat ?><?cs /alt ?></option>
<?cs /each ?>  </select></label>
 <label><?cs var:Lang.Board.Type ?>
  <select name="type">
   <option value=""><?cs var:Lang.Board.All ?></option>
<?cs each:t = Board.Types ?>   <option value="<?cs var:t.Name ?>"<?cs if:Board.Type == t.Name ?> selected<?cs /if ?>><?cs var:t.Label ?></option>
<?cs /each ?>  </select></label>
 <label><?cs var:Lang.Board.Sort ?>
  <select name="sort">
   <option value="new"<?cs if:Board.Sort == "new" ?> selected<?cs /if ?>><?cs var:Lang.Board.SortNew ?></option>
   <option value="pay"<?cs if:Board.Sort == "pay" ?> selected<?cs /if ?>><?cs var:Lang.Board.SortPay ?></option>
  </select></label>
 <button type="submit"><?cs var:Lang.Board.Show ?></button>
</form>
<?cs if:Board.Count == 0 ?>
<p class="empty"><?cs var:Lang.Home.Empty ?></p>
<?cs else ?>
<ul class="jobs">
<?cs each:job = Jobs ?> <li class="job">
  <a class="title" href="<?cs var:Site.Base ?>/jobs/<?cs var:job.Id ?>"><?cs var:job.Title ?></a>
  <span class="pay"><?cs var:job.Pay ?> <?cs var:Site.Currency ?></span>
  <span class="done"><?cs var:Lang.Board.Done ?> <?cs var:job.SlotsDone ?> / <?cs var:job.SlotsTotal ?></span>
  <span class="time"><?cs var:job.Minutes ?> <?cs var:Lang.Board.Minutes ?></span>
  <span class="approval"><?cs if:job.Approval ?><?cs var:Lang.Board.Approval ?> <?cs var:job.Approval ?>%<?cs else ?><?cs var:Lang.Board.NewEmployer ?><?cs /if ?></span>
 </li>
<?cs /each ?></ul>
<?cs /if ?>
<?cs set:q = "category=" + url_escape(Board.Category) + "&type=" + url_escape(Board.Type) + "&sort=" + url_escape(Board.Sort) ?>
<p class="pager"><?cs if:Board.Paged ?><a href="<?cs var:Site.Base ?>/?<?cs var:q ?>"><?cs var:Lang.Board.Newest ?></a> <?cs /if ?><?cs if:Board.Next ?><a href="<?cs var:Site.Base ?>/?<?cs var:q ?>&before=<?cs var:url_escape(Board.Next) ?>&pay=<?cs var:url_escape(Board.NextPay) ?>"><?cs var:Lang.Board.Older ?></a><?cs /if ?></p>
<?cs include:"footer.cs" ?>
