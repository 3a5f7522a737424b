/** Local SCSI device discovery from sysfs: sg nodes, their H:C:T:L, INQUIRY strings, VPD 80h/83h, multipath grouping. */
package dev.clusterlab.sgio.sysfs;
