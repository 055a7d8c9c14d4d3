/**
 * Items in the sandbox's memory: {@link sandbox.item.PackedItem}, an item, key or stream image in DynamoDB's wire
 * form packed into one immutable byte array (attribute names shared through a bounded dictionary), so a table
 * and its stream records share one copy of each item version instead of each holding Jackson trees; and
 * {@link sandbox.item.ItemSize}, the Streams {@code SizeBytes} rules on trees and on packed items. Used by
 * {@code sandbox.dynamodb} and {@code sandbox.streams}; depends on neither. Journals keep JSON, not this form.
 */
package sandbox.item;
