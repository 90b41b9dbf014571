<?cs var:Lang.Mail.Hello ?> <?cs var:Mail.Username ?>,

<?cs var:Lang.Mail.admin_notice.Text ?>
<?cs each:i = Notice ?>
- <?cs var:Lang.Mail.admin_notice.Queues[i.Queue] ?> #<?cs var:i.Id ?>, <?cs var:Lang.Mail.admin_notice.Waiting ?> <?cs var:i.Hours ?> <?cs var:Lang.Mail.Hours ?>:
  <?cs var:i.Link ?>
<?cs /each ?>
<?cs var:Lang.Mail.admin_notice.Once ?>

-- 
<?cs var:Site.Name ?> <?cs var:Site.Url ?>
