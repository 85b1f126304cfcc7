package fr.picloud.billing;

import fr.picloud.platform.test.ServiceBaselineContract;

/** Shares the context of the other billing tests (one service start for the whole run). */
@BillingServiceIT
class ServiceBaselineIT extends ServiceBaselineContract {}
