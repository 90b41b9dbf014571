<?cs set:Page.Title = Lang.JobTypes.Title ?><?cs include:"header.cs" ?>
<h1><?cs var:Lang.JobTypes.Title ?></h1>
<?cs if:!subcount(JobTypes) ?><p class="empty"><?cs var:Lang.JobTypes.Empty ?></p><?cs /if ?>
<?cs each:t = JobTypes ?><section class="jobtype" id="type-<?cs var:t.Name ?>">
 <h2><?cs var:t.Label ?></h2>
 <p><?cs var:t.Description ?></p>
 <p class="minpay"><?cs var:Lang.JobTypes.MinPay ?> <?cs var:t.MinPay ?> <?cs var:Site.Currency ?></p>
 <h3><?cs var:Lang.JobTypes.EmployerGives ?></h3>
 <ul><?cs each:f = t.CampaignFields ?><li><?cs var:f.Label ?><?cs if:f.Required == 1 ?> *<?cs /if ?></li><?cs /each ?></ul>
 <h3><?cs var:Lang.JobTypes.WorkerGives ?></h3>
 <ul><?cs each:f = t.ProofFields ?><li><?cs var:f.Label ?><?cs if:f.Required == 1 ?> *<?cs /if ?></li><?cs /each ?></ul>
</section>
<?cs /each ?>
<?cs include:"footer.cs" ?>
